package dev.arbiter.examples.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The shop's own systems as the support agent's tools reach them: customers with the e-mail address on file,
 * orders, refunds made and e-mails sent. Held in memory; {@link #sample()} fills it with the shop of the example.
 *
 * <p>The backend enforces what the shop's systems enforce (an order must exist, a refund cannot exceed what is
 * left to refund), not the agent's policy: that is the permission envelope's job. Thread-safe: every method
 * holds the backend's lock.
 */
public final class ShopBackend {

    /**
     * A customer of the shop.
     *
     * @param id the customer number
     * @param name the customer's name
     * @param email the e-mail address on file
     */
    public record Customer(String id, String name, String email) {
        public Customer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    /**
     * One line of an order.
     *
     * @param description what was bought
     * @param quantity how many
     * @param price the price of one, in EUR
     */
    public record Line(String description, int quantity, BigDecimal price) {
        public Line {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(price, "price");
        }
    }

    /**
     * An order.
     *
     * @param id the order number
     * @param customerId who placed it
     * @param placed when
     * @param lines what was bought
     * @param shipping the shipping charge, in EUR
     * @param delivery where the parcel is, as the carrier reports it
     * @param customerNote the delivery note the customer wrote at checkout (outside text: untrusted)
     */
    public record Order(String id, String customerId, LocalDate placed, List<Line> lines, BigDecimal shipping,
            String delivery, String customerNote) {
        public Order {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(placed, "placed");
            lines = List.copyOf(lines);
            Objects.requireNonNull(shipping, "shipping");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(customerNote, "customerNote");
        }

        /** Returns what the customer paid: the lines and shipping. */
        public BigDecimal total() {
            BigDecimal sum = shipping;
            for (Line l : lines) {
                sum = sum.add(l.price().multiply(BigDecimal.valueOf(l.quantity())));
            }
            return sum;
        }
    }

    /**
     * A refund made to the original payment method.
     *
     * @param id the refund number
     * @param orderId the order refunded
     * @param amount how much, in EUR
     */
    public record Refund(String id, String orderId, BigDecimal amount) {}

    /**
     * An e-mail the shop sent.
     *
     * @param id the message number
     * @param to the recipient
     * @param subject the subject
     * @param body the text
     */
    public record Email(String id, String to, String subject, String body) {}

    private final Object lock = new Object();
    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<Refund> refunds = new ArrayList<>();
    private final List<Email> outbox = new ArrayList<>();

    /** Returns an empty backend. */
    public ShopBackend() {}

    /** Returns the shop of the example: three customers and their orders. */
    public static ShopBackend sample() {
        ShopBackend shop = new ShopBackend();
        shop.add(new Customer("C-2001", "Dana Whitfield", "dana.whitfield@example.com"));
        shop.add(new Customer("C-2002", "Marek Nowak", "marek.nowak@example.net"));
        shop.add(new Customer("C-2003", "Priya Raman", "priya.raman@example.org"));
        shop.add(new Order("A-10231", "C-2001", LocalDate.of(2025, 5, 28), List.of(
                new Line("Larsson glass kettle 1.7 l", 1, new BigDecimal("34.50")),
                new Line("Descaling tablets, pack of 12", 1, new BigDecimal("6.90"))),
                new BigDecimal("4.95"), "delivered 2025-06-02 to the front door (DPD 01475512093314)",
                "Please leave the parcel with the neighbour at no. 12 if nobody answers."));
        shop.add(new Order("A-10388", "C-2002", LocalDate.of(2025, 6, 3), List.of(
                new Line("Aurel ANC-700 wireless headphones", 1, new BigDecimal("129.00"))),
                new BigDecimal("0.00"), "reported delivered to parcel locker 4471 on 2025-06-06 (DHL 00340434161094042557)",
                "It's a gift, please don't put the invoice in the parcel."));
        shop.add(new Order("A-10402", "C-2003", LocalDate.of(2025, 6, 5), List.of(
                new Line("Oak chopping board 40 x 25 cm", 1, new BigDecimal("42.00")),
                new Line("Linen tea towels, set of 3", 2, new BigDecimal("14.90"))),
                new BigDecimal("4.95"), "in transit (DPD 01475512118820)", ""));
        return shop;
    }

    /** Adds or replaces a customer. */
    public void add(Customer customer) {
        synchronized (lock) {
            customers.put(customer.id(), Objects.requireNonNull(customer, "customer"));
        }
    }

    /** Adds or replaces an order; its customer must exist. */
    public void add(Order order) {
        synchronized (lock) {
            if (!customers.containsKey(order.customerId())) {
                throw new IllegalArgumentException("order " + order.id() + " names unknown customer "
                        + order.customerId());
            }
            orders.put(order.id(), order);
        }
    }

    /** Returns the customer with this number. */
    public Optional<Customer> customer(String customerId) {
        synchronized (lock) {
            return Optional.ofNullable(customers.get(customerId));
        }
    }

    /** Returns the order with this number. */
    public Optional<Order> order(String orderId) {
        synchronized (lock) {
            return Optional.ofNullable(orders.get(orderId));
        }
    }

    /**
     * Returns the e-mail address on file for the customer: what the application's records say, never what a
     * ticket or a tool output says.
     *
     * @throws NoSuchElementException if there is no such customer
     */
    public String emailOnFile(String customerId) {
        return customer(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId))
                .email();
    }

    /** Returns the numbers of the customer's orders, oldest first: what the shop's records say. */
    public List<String> ordersOf(String customerId) {
        synchronized (lock) {
            return orders.values().stream().filter(o -> o.customerId().equals(customerId)).map(Order::id).toList();
        }
    }

    /**
     * Refunds an amount of an order to its original payment method.
     *
     * @throws NoSuchElementException if there is no such order
     * @throws IllegalArgumentException if the amount is not positive or exceeds what is left to refund
     */
    public Refund refund(String orderId, BigDecimal amount) {
        synchronized (lock) {
            Order order = order(orderId).orElseThrow(() -> new NoSuchElementException("no order " + orderId));
            if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("a refund must be a positive amount in cents, was " + amount);
            }
            BigDecimal cents = amount.setScale(2);
            BigDecimal left = order.total().subtract(refunded(orderId));
            if (cents.compareTo(left) > 0) {
                throw new IllegalArgumentException("order " + orderId + " has only " + left
                        + " EUR left to refund, not " + cents);
            }
            Refund r = new Refund("R-" + (5001 + refunds.size()), orderId, cents);
            refunds.add(r);
            return r;
        }
    }

    /** Records an e-mail as sent and returns it. */
    public Email send(String to, String subject, String body) {
        synchronized (lock) {
            Email e = new Email("M-" + (88001 + outbox.size()), Objects.requireNonNull(to, "to"),
                    Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(body, "body"));
            outbox.add(e);
            return e;
        }
    }

    /** Returns the amount refunded on an order so far. */
    public BigDecimal refunded(String orderId) {
        synchronized (lock) {
            return refunds.stream().filter(r -> r.orderId().equals(orderId)).map(Refund::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** Returns every refund made, oldest first. */
    public List<Refund> refunds() {
        synchronized (lock) {
            return List.copyOf(refunds);
        }
    }

    /** Returns every e-mail sent, oldest first. */
    public List<Email> outbox() {
        synchronized (lock) {
            return List.copyOf(outbox);
        }
    }
}
