package dev.arbiter.eval.internal;

/** HTML escaping and the report's fixed style and script. Stateless and thread-safe. */
public final class Html {

    private Html() {}

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** The report's style sheet. */
    public static final String STYLE = """
            :root{--good:#1a7f37;--fair:#bf8700;--bad:#cf222e;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328}
            main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
            h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line)}
            dl.run{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
            dl.run dt{color:var(--muted)}dl.run dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
            .banner{padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}
            .banner.pass{background:#dafbe1;color:var(--good)}.banner.fail{background:#ffebe9;color:var(--bad)}
            ul.checks{list-style:none;padding:0;margin:4px 0}ul.checks li{padding:2px 0}
            ul.checks li.ok::before{content:"✔ ";color:var(--good)}ul.checks li.violation::before{content:"✘ ";color:var(--bad)}
            .notes{background:#fff8c5;padding:8px 12px;border-radius:6px}
            table{border-collapse:collapse;width:100%;margin:8px 0}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg);cursor:pointer;user-select:none;white-space:nowrap}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.pass{background:#dafbe1}td.fail{background:#ffebe9}td.flaky{outline:2px dashed var(--fair)}
            tr.regressed td:first-child{border-left:4px solid var(--bad)}
            .charts{display:flex;flex-wrap:wrap;gap:16px}.chart text{font-size:12px;fill:#1f2328}
            .chart .track{fill:var(--bg)}.chart .good{fill:var(--good)}.chart .fair{fill:var(--fair)}
            .chart .bad{fill:var(--bad)}.chart .baseline{fill:#8c959f}.chart .candidate{fill:#0969da}
            .chart .hist{fill:#0969da}.chart .hist-low{fill:#8c959f}.chart .grid{stroke:var(--line)}
            .chart .axis{stroke:var(--muted)}.chart .tick{fill:var(--muted)}
            figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
            details summary{cursor:pointer;color:#0969da}pre{white-space:pre-wrap;word-break:break-word;
            background:var(--bg);padding:6px;border-radius:4px;max-height:320px;overflow:auto;margin:4px 0}
            .toolbar{display:flex;gap:16px;align-items:center;margin:8px 0}.muted{color:var(--muted)}
            footer{margin-top:32px;color:var(--muted);font-size:12px}
            """;

    /** The report's script: filtering and sorting the case table. It marks the page ready when it has run. */
    public static final String SCRIPT = """
            (function () {
              'use strict';
              var table = document.getElementById('case-table');
              var filter = document.getElementById('case-filter');
              var failing = document.getElementById('failing-only');
              var count = document.getElementById('case-count');
              function apply() {
                var text = filter ? filter.value.toLowerCase() : '';
                var shown = 0;
                var rows = table ? table.tBodies[0].rows : [];
                for (var i = 0; i < rows.length; i++) {
                  var row = rows[i];
                  var ok = row.getAttribute('data-search').indexOf(text) >= 0
                      && (!failing || !failing.checked || row.getAttribute('data-failed') === 'true');
                  row.hidden = !ok;
                  if (ok) { shown++; }
                }
                if (count) { count.textContent = shown + ' of ' + rows.length + ' cases shown'; }
              }
              function sortBy(th) {
                var index = th.cellIndex;
                var body = th.closest('table').tBodies[0];
                var dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1;
                th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[index].getAttribute('data-key') || a.cells[index].textContent;
                  var y = b.cells[index].getAttribute('data-key') || b.cells[index].textContent;
                  var nx = parseFloat(x), ny = parseFloat(y);
                  if (!isNaN(nx) && !isNaN(ny)) { return (nx - ny) * dir; }
                  return x.localeCompare(y) * dir;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              }
              document.querySelectorAll('table.sortable th').forEach(function (th) {
                th.addEventListener('click', function () { sortBy(th); });
              });
              if (filter) { filter.addEventListener('input', apply); }
              if (failing) { failing.addEventListener('change', apply); }
              apply();
              document.documentElement.setAttribute('data-ready', 'true');
            })();
            """;
}
