#!/usr/bin/env python3
"""Where a frame's time goes, from a perf recording of a JVM.

perf samples every thread, including the JDK's SHA-256 and array-copy intrinsics, which JFR's sampler drops. Record
with frame pointers and a perf map (docs/benchmarks.md, "Profiles with perf"), then

    perf script -i perf.data -F comm,tid,ip,sym,dso > perf.txt
    python3 benchmarks/perf/children.py perf.txt 'dev.arbiter.ben' 'AttemptLoop.run('

prints how many samples of the threads whose name starts with the prefix hold the frame (a substring of a frame's
text) on their stack, and how those samples divide among the frame's direct callees ('<self>': the frame itself was
on top). With 'leaf:NAME' instead of a frame, it prints who called NAME in the samples where NAME was on top (for the
JIT's stubs, such as 'leaf:StubRoutines (2)', which hold the SHA-256 intrinsic). With only a prefix, it prints the
frames found on most stacks (inclusive counts).
"""
import collections
import re
import signal
import sys


def read_samples(path):
    """Yields (thread name, frames leaf first) for each sample of `perf script` output."""
    thread, frames = None, []
    with open(path, encoding='utf-8', errors='replace') as lines:
        for line in lines:
            if not line.strip():
                if thread is not None:
                    yield thread, frames
                thread, frames = None, []
            elif line[0] not in ' \t':
                thread, frames = line.split()[0], []
            else:
                parts = line.strip().split(None, 1)
                frames.append(parts[1] if len(parts) > 1 else '')
    if thread is not None:
        yield thread, frames


def short(frame):
    """'Class.method' for a Java frame of the perf map; the symbol, trimmed, for any other."""
    frame = re.sub(r'\(/[^)]*\)$', '', frame).strip()
    match = re.search(r'([\w$]+\.[\w$<>]+)\(', frame)
    return match.group(1) if match else frame[:70]


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    path, prefix = argv[1], argv[2]
    samples = [frames for thread, frames in read_samples(path) if thread.startswith(prefix)]
    if not samples:
        sys.exit(f'no samples of threads named {prefix}* in {path}')
    if len(argv) < 4:
        inclusive = collections.Counter()
        for frames in samples:
            inclusive.update(set(short(f) for f in frames))
        for name, count in inclusive.most_common(60):
            print(f'{count:7d} {100 * count / len(samples):5.1f}%  {name}')
        return
    target = argv[3]
    if target.startswith('leaf:'):
        leaf = target[len('leaf:'):]
        on_top = [frames for frames in samples if frames and short(frames[0]) == leaf]
        print(f'{len(samples)} samples of {prefix}* threads; {len(on_top)}'
              f' ({100 * len(on_top) / len(samples):.1f}%) in {leaf}')
        callers = collections.Counter(short(frames[1]) if len(frames) > 1 else '-' for frames in on_top)
        for name, count in callers.most_common(25):
            print(f'{count:7d} {100 * count / max(1, len(on_top)):5.1f}%  {name}')
        return
    holding = [frames for frames in samples if any(target in f for f in frames)]
    print(f'{len(samples)} samples of {prefix}* threads; {len(holding)} ({100 * len(holding) / len(samples):.1f}%)'
          f' hold {target}')
    callees = collections.Counter()
    for frames in holding:
        outermost = max(i for i, f in enumerate(frames) if target in f)
        callees[short(frames[outermost - 1]) if outermost > 0 else '<self>'] += 1
    for name, count in callees.most_common(25):
        print(f'{count:7d} {100 * count / len(holding):5.1f}%  {name}')


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    main(sys.argv)
