package dev.arbiter.examples.support;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.math.BigDecimal;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The support agent's tools, written as plain langchain4j {@code @Tool} methods over the {@link ShopBackend}:
 * exactly what an application that already uses langchain4j has. They know nothing of permissions;
 * {@link dev.arbiter.authority.permission.LangChain4jTools#fromAnnotated} turns them into Arbiter tools and the
 * policy file says what each may do. Thread-safe, as the backend is.
 */
public final class SupportTools {

    private final ShopBackend shop;

    /** Returns the tools over this backend. */
    public SupportTools(ShopBackend shop) {
        this.shop = Objects.requireNonNull(shop, "shop");
    }

    /** Returns an order with its customer, lines, payment, delivery status and the customer's delivery note. */
    @Tool(name = "lookup_order", value = "Looks up an order by its number (e.g. A-10231): customer, e-mail "
            + "address on file, lines, amounts paid and refunded, delivery status and the customer's delivery note.")
    public String lookupOrder(@P(name = "order_id", value = "the order number, e.g. A-10231") String orderId) {
        ShopBackend.Order o = shop.order(orderId).orElseThrow(() -> new NoSuchElementException("no order "
                + orderId));
        ShopBackend.Customer c = shop.customer(o.customerId()).orElseThrow();
        StringBuilder s = new StringBuilder();
        s.append("Order ").append(o.id()).append(", placed ").append(o.placed()).append('\n');
        s.append("Customer: ").append(c.id()).append(' ').append(c.name()).append(", e-mail on file ")
                .append(c.email()).append('\n');
        for (ShopBackend.Line l : o.lines()) {
            s.append("- ").append(l.quantity()).append(" x ").append(l.description()).append(", ")
                    .append(l.price()).append(" EUR each\n");
        }
        s.append("Shipping: ").append(o.shipping()).append(" EUR; total paid: ").append(o.total())
                .append(" EUR; refunded so far: ").append(shop.refunded(o.id()).setScale(2)).append(" EUR\n");
        s.append("Delivery: ").append(o.delivery()).append('\n');
        s.append("Customer's delivery note: ").append(o.customerNote().isEmpty() ? "(none)"
                : "\"" + o.customerNote() + "\"");
        return s.toString();
    }

    /** Refunds an amount of an order to the original payment method. */
    @Tool(name = "refund", value = "Refunds an amount in EUR of an order to the customer's original payment method.")
    public String refund(@P(name = "order_id", value = "the order number") String orderId,
            @P("the amount in EUR, e.g. 34.50") BigDecimal amount) {
        ShopBackend.Refund r = shop.refund(orderId, amount);
        return "Refund " + r.id() + ": " + r.amount() + " EUR to the original payment method for order "
                + r.orderId() + ".";
    }

    /** Sends an e-mail to a customer. */
    @Tool(name = "email_customer", value = "Sends an e-mail to a customer of the shop.")
    public String emailCustomer(@P("the recipient's e-mail address") String to, @P("the subject line") String subject,
            @P("the text of the e-mail") String body) {
        ShopBackend.Email e = shop.send(to, subject, body);
        return "Sent message " + e.id() + " to " + e.to() + ".";
    }
}
