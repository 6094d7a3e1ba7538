package dev.agentmetrics.budget;

import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;

import org.springframework.lang.Nullable;

/**
 * A {@link BudgetStore} in the instance's memory: each instance enforces its own budgets
 * and publishes their events ({@link #claim claims} always win). A budget keeps at most
 * the slots of one window and the slot being filled.
 *
 * @author agent-metrics
 */
public class LocalBudgetStore implements BudgetStore {

	private final Map<String, ConcurrentNavigableMap<Long, DoubleAdder>> slots = new ConcurrentHashMap<>();

	@Override
	public void add(String budget, long slot, double usd, Duration retention) {
		ConcurrentNavigableMap<Long, DoubleAdder> budgetSlots = this.slots.computeIfAbsent(budget,
				(name) -> new ConcurrentSkipListMap<>());
		budgetSlots.computeIfAbsent(slot, (key) -> new DoubleAdder()).add(usd);
	}

	@Override
	public double sum(String budget, long fromSlot, long toSlot) {
		ConcurrentNavigableMap<Long, DoubleAdder> budgetSlots = this.slots.get(budget);
		if (budgetSlots == null) {
			return 0;
		}
		// Slots before the window are spent for good; pruning is rare, looking is cheap.
		Long oldest = oldest(budgetSlots);
		if (oldest != null && oldest < fromSlot) {
			budgetSlots.headMap(fromSlot).clear();
		}
		if (fromSlot == toSlot) {
			// A calendar window: one slot, without a view of the map to iterate.
			DoubleAdder spend = budgetSlots.get(fromSlot);
			return (spend != null) ? spend.sum() : 0;
		}
		double sum = 0;
		for (DoubleAdder spend : budgetSlots.subMap(fromSlot, true, toSlot, true).values()) {
			sum += spend.sum();
		}
		return sum;
	}

	@Nullable
	private static Long oldest(ConcurrentNavigableMap<Long, DoubleAdder> budgetSlots) {
		try {
			return budgetSlots.isEmpty() ? null : budgetSlots.firstKey();
		}
		catch (NoSuchElementException ex) {
			// Emptied meanwhile.
			return null;
		}
	}

}
