package dev.agentmetrics.budget;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a {@link RedisBudgetStore} knows of its budgets' spend for when Redis cannot be
 * reached: the fleet's spend it last read from Redis, by budget and slot, and what this
 * instance spent since that Redis has not been told, to be added to Redis once it answers
 * again. A budget keeps the slots last read of one window, and unsent spend until its
 * slot's retention has passed.
 *
 * @author agent-metrics
 */
final class OutageLedger {

	private final Map<String, ConcurrentNavigableMap<Long, Double>> lastRead = new ConcurrentHashMap<>();

	private final Map<String, ConcurrentNavigableMap<Long, Unsent>> unsent = new ConcurrentHashMap<>();

	/**
	 * Remember the spend read from Redis over the window of a budget that starts with the
	 * given slot, forgetting the slots before it.
	 * @param budget the budget's name
	 * @param fromSlot the window's first slot
	 * @param spend the spend of each slot of the window, in order
	 */
	void read(String budget, long fromSlot, List<Double> spend) {
		ConcurrentNavigableMap<Long, Double> slots = this.lastRead.computeIfAbsent(budget,
				(name) -> new ConcurrentSkipListMap<>());
		slots.headMap(fromSlot).clear();
		for (int i = 0; i < spend.size(); i++) {
			if (spend.get(i) > 0) {
				slots.put(fromSlot + i, spend.get(i));
			}
			else {
				slots.remove(fromSlot + i);
			}
		}
	}

	/**
	 * Remember the spend of one slot of a budget, read from Redis.
	 * @param budget the budget's name
	 * @param slot the slot
	 * @param total the slot's spend
	 */
	void read(String budget, long slot, double total) {
		this.lastRead.computeIfAbsent(budget, (name) -> new ConcurrentSkipListMap<>()).put(slot, total);
	}

	/**
	 * Keep spend that Redis could not be told.
	 * @param budget the budget's name
	 * @param slot the slot
	 * @param usd the spend, in USD
	 * @param expiresAt when the slot's retention passes, in epoch milliseconds
	 */
	void spend(String budget, long slot, double usd, long expiresAt) {
		this.unsent.computeIfAbsent(budget, (name) -> new ConcurrentSkipListMap<>())
			.merge(slot, new Unsent(usd, expiresAt), Unsent::plus);
	}

	/**
	 * Return the last spend read from Redis over a range of slots, plus what this
	 * instance spent since without telling Redis.
	 * @param budget the budget's name
	 * @param fromSlot the first slot, inclusive
	 * @param toSlot the last slot, inclusive
	 * @param now the time, in epoch milliseconds
	 * @return the spend, in USD
	 */
	double sum(String budget, long fromSlot, long toSlot, long now) {
		double sum = 0;
		ConcurrentNavigableMap<Long, Double> read = this.lastRead.get(budget);
		if (read != null) {
			// Slots before the window are spent for good.
			read.headMap(fromSlot).clear();
			for (double spend : read.subMap(fromSlot, true, toSlot, true).values()) {
				sum += spend;
			}
		}
		ConcurrentNavigableMap<Long, Unsent> unsentSlots = this.unsent.get(budget);
		if (unsentSlots != null) {
			unsentSlots.values().removeIf((spend) -> spend.expiresAt() <= now);
			for (Unsent spend : unsentSlots.subMap(fromSlot, true, toSlot, true).values()) {
				sum += spend.usd();
			}
		}
		return sum;
	}

	/**
	 * Return whether some spend is still to be told to Redis.
	 * @return whether {@link #send} has something to send
	 */
	boolean hasUnsent() {
		for (ConcurrentNavigableMap<Long, Unsent> slots : this.unsent.values()) {
			if (!slots.isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Tell Redis the spend it was not told, slot by slot, each once: what a failure stops
	 * stays to be sent later. Spend whose slot's retention has passed is dropped: no window
	 * reads it any more.
	 * @param now the time, in epoch milliseconds
	 * @param sender what adds spend to a slot in Redis
	 * @throws RuntimeException what the sender threw
	 */
	void send(long now, Sender sender) {
		for (Map.Entry<String, ConcurrentNavigableMap<Long, Unsent>> budget : this.unsent.entrySet()) {
			ConcurrentNavigableMap<Long, Unsent> slots = budget.getValue();
			for (Long slot : slots.keySet()) {
				// Taking the spend out makes this thread the only one to send it, when
				// several see Redis answer again at once (the others read Redis without it
				// for as long as it is on its way).
				Unsent spend = slots.remove(slot);
				if (spend == null || spend.expiresAt() <= now) {
					continue;
				}
				try {
					double total = sender.send(budget.getKey(), slot, spend.usd(),
							Duration.ofMillis(spend.expiresAt() - now));
					read(budget.getKey(), slot, total);
				}
				catch (RuntimeException ex) {
					slots.merge(slot, spend, Unsent::plus);
					throw ex;
				}
			}
		}
	}

	/**
	 * Adds spend to a slot in Redis.
	 */
	@FunctionalInterface
	interface Sender {

		/**
		 * Add spend to a slot of a budget in Redis.
		 * @param budget the budget's name
		 * @param slot the slot
		 * @param usd the spend, in USD
		 * @param expiry how long Redis must keep the slot at least
		 * @return the slot's spend after the addition
		 */
		double send(String budget, long slot, double usd, Duration expiry);

	}

	/** Spend of a slot not told to Redis, and when its retention passes. */
	private record Unsent(double usd, long expiresAt) {

		Unsent plus(Unsent other) {
			return new Unsent(this.usd + other.usd, Math.max(this.expiresAt, other.expiresAt));
		}

	}

}
