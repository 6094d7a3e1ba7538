package dev.agentmetrics.budget;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.support.FailOpenLogger;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * Has {@link Budgets} publish that a calendar window started when it starts, at midnight
 * or on the first of the month in the budget's zone, rather than with the first call of
 * the new window, from a daemon thread of its own. Without calendar budgets it starts no
 * thread.
 *
 * @author agent-metrics
 */
public final class BudgetWindowScheduler implements SmartLifecycle {

	private static final FailOpenLogger logger = new FailOpenLogger(BudgetWindowScheduler.class);

	// The scheduler's delays run on System.nanoTime(), the windows on the wall clock: a
	// clock that is set, or drifts, is caught up with within this time.
	private static final long MAX_WAIT_MILLIS = Duration.ofHours(1).toMillis();

	private final Budgets budgets;

	@Nullable
	private volatile ScheduledExecutorService executor;

	/**
	 * Create a scheduler.
	 * @param budgets the budgets whose windows it starts
	 */
	public BudgetWindowScheduler(Budgets budgets) {
		this.budgets = budgets;
	}

	@Override
	public synchronized void start() {
		if (this.executor == null && this.budgets.untilNextWindow() != null) {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "agent-metrics-budget-windows");
				thread.setDaemon(true);
				return thread;
			});
			this.executor = executor;
			schedule(executor, this.budgets.untilNextWindow());
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	private void schedule(ScheduledExecutorService executor, @Nullable Duration until) {
		if (until != null && !executor.isShutdown()) {
			// Rounded up, so as not to come back a fraction of a millisecond early.
			long delay = Math.min(Math.max(1, (until.toNanos() + 999_999) / 1_000_000), MAX_WAIT_MILLIS);
			try {
				executor.schedule(() -> startWindows(executor), delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Stopped meanwhile.
			}
		}
	}

	private void startWindows(ScheduledExecutorService executor) {
		Duration until;
		try {
			// The time to the next window is taken from the same look as the windows it
			// started: looked a moment early, it is a moment, not the window after.
			until = this.budgets.startWindows();
		}
		catch (Throwable ex) {
			logger.recordingFailed("starting the windows of budgets", ex);
			until = Duration.ofMillis(MAX_WAIT_MILLIS);
		}
		schedule(executor, until);
	}

}
