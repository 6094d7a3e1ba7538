package dev.agentmetrics.sample.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The tools the support agent may call, answering from a small canned order book.
 *
 * @author agent-metrics
 */
@Component
public class SupportTools {

	/** An order shipped with a carrier whose tracking service is down: tracking it fails. */
	static final String UNTRACKABLE_ORDER = "1046";

	private static final Map<String, Order> ORDERS = Map.of(
			"1042", new Order("1042", "SHIPPED", List.of("Wireless headphones"), new BigDecimal("89.90"), "2025-05-02",
					new Shipment("DHL", "DHL-7781042", "IN_TRANSIT", "2025-05-07"), 5),
			"1043", new Order("1043", "DELIVERED", List.of("Coffee grinder", "Paper filters"), new BigDecimal("54.30"),
					"2025-04-20", new Shipment("UPS", "1Z-5501043", "DELIVERED", "2025-04-24"), 12),
			"1044", new Order("1044", "PROCESSING", List.of("Standing desk"), new BigDecimal("429.00"), "2025-05-05",
					new Shipment("DHL", "not assigned yet", "LABEL_CREATED", "2025-05-12"), 0),
			"1045", new Order("1045", "DELIVERED", List.of("Running shoes"), new BigDecimal("119.00"), "2025-03-01",
					new Shipment("GLS", "GLS-9901045", "DELIVERED", "2025-03-04"), 45));

	/** Days after delivery within which an order may be returned for a refund. */
	static final int REFUND_WINDOW_DAYS = 30;

	/**
	 * Look up an order.
	 * @param orderId the order number
	 * @return the order's status, items and total
	 */
	@Tool(description = "Look up an order by its order number: status, items, total and order date.")
	public OrderDetails lookupOrder(@ToolParam(description = "The order number, such as 1042") String orderId) {
		Order order = ORDERS.get(normalize(orderId));
		if (order == null) {
			return new OrderDetails(orderId, "NOT_FOUND", List.of(), null, null);
		}
		return new OrderDetails(order.id(), order.status(), order.items(), order.total(), order.placedOn());
	}

	/**
	 * Track the shipment of an order.
	 * @param orderId the order number
	 * @return the carrier, tracking number, status and estimated delivery
	 */
	@Tool(description = "Track the shipment of an order: carrier, tracking number, shipping status and estimated delivery date.")
	public ShipmentDetails trackShipment(@ToolParam(description = "The order number, such as 1042") String orderId) {
		if (UNTRACKABLE_ORDER.equals(normalize(orderId))) {
			// As real tools do now and then: agent-metrics counts this as a failed tool call,
			// though Spring AI hands the message to the model and the call succeeds.
			throw new IllegalStateException("The carrier's tracking service is unavailable, try again later");
		}
		Order order = ORDERS.get(normalize(orderId));
		if (order == null) {
			return new ShipmentDetails(orderId, null, null, "NOT_FOUND", null);
		}
		Shipment shipment = order.shipment();
		return new ShipmentDetails(order.id(), shipment.carrier(), shipment.trackingNumber(), shipment.status(),
				shipment.estimatedDelivery());
	}

	/**
	 * Check whether an order can be refunded under the 30-day return policy.
	 * @param orderId the order number
	 * @return whether a refund is possible, and why
	 */
	@Tool(description = "Check whether an order can be refunded under the 30-day return policy.")
	public RefundDecision checkRefundPolicy(@ToolParam(description = "The order number, such as 1042") String orderId) {
		Order order = ORDERS.get(normalize(orderId));
		if (order == null) {
			return new RefundDecision(orderId, false, "order not found", 0);
		}
		if (!"DELIVERED".equals(order.status())) {
			return new RefundDecision(order.id(), true, "not delivered yet, so it can be cancelled for a full refund",
					REFUND_WINDOW_DAYS);
		}
		int daysLeft = Math.max(0, REFUND_WINDOW_DAYS - order.daysSinceDelivery());
		return (daysLeft > 0)
				? new RefundDecision(order.id(), true, "delivered " + order.daysSinceDelivery() + " days ago", daysLeft)
				: new RefundDecision(order.id(), false, "the 30-day return window has closed", 0);
	}

	private static String normalize(String orderId) {
		return orderId.replaceAll("[^0-9]", "");
	}

	/**
	 * What {@link #lookupOrder} returns.
	 *
	 * @param orderId the order number
	 * @param status the order status, or {@code NOT_FOUND}
	 * @param items the items ordered
	 * @param total the order total in EUR
	 * @param placedOn the order date
	 */
	public record OrderDetails(String orderId, String status, List<String> items, BigDecimal total, String placedOn) {
	}

	/**
	 * What {@link #trackShipment} returns.
	 *
	 * @param orderId the order number
	 * @param carrier the carrier
	 * @param trackingNumber the carrier's tracking number
	 * @param status the shipping status, or {@code NOT_FOUND}
	 * @param estimatedDelivery the estimated (or actual) delivery date
	 */
	public record ShipmentDetails(String orderId, String carrier, String trackingNumber, String status,
			String estimatedDelivery) {
	}

	/**
	 * What {@link #checkRefundPolicy} returns.
	 *
	 * @param orderId the order number
	 * @param eligible whether the order can be refunded
	 * @param reason why, in a few words
	 * @param daysLeft days left to ask for the refund
	 */
	public record RefundDecision(String orderId, boolean eligible, String reason, int daysLeft) {
	}

	private record Order(String id, String status, List<String> items, BigDecimal total, String placedOn,
			Shipment shipment, int daysSinceDelivery) {
	}

	private record Shipment(String carrier, String trackingNumber, String status, String estimatedDelivery) {
	}

}
