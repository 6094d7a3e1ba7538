package dev.agentmetrics.support;

import java.util.function.Function;

import dev.agentmetrics.error.ErrorKind;

import org.springframework.lang.Nullable;

/**
 * One meter per outcome of a call, success or each {@link ErrorKind}, registered on first
 * use so that outcomes that never happen publish no series, and found by an array index
 * rather than a tag lookup.
 *
 * @param <M> the type of meter
 * @author agent-metrics
 */
public final class PerOutcome<M> {

	private static final int SUCCESS = 0;

	private final Function<ErrorKind, M> register;

	// A race registers twice, and the registry returns the same meter both times.
	private final Object[] meters = new Object[ErrorKind.values().length + 1];

	/**
	 * Create an instance.
	 * @param register registers the meter of an outcome: the error kind, {@code null} for
	 * success
	 */
	public PerOutcome(Function<ErrorKind, M> register) {
		this.register = register;
	}

	/**
	 * Return the meter of an outcome, registering it on first use.
	 * @param error the error kind of a failure, {@code null} for success
	 * @return the meter
	 */
	@SuppressWarnings("unchecked")
	public M get(@Nullable ErrorKind error) {
		int index = (error != null) ? error.ordinal() + 1 : SUCCESS;
		Object meter = this.meters[index];
		if (meter == null) {
			meter = this.register.apply(error);
			this.meters[index] = meter;
		}
		return (M) meter;
	}

}
