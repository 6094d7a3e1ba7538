package dev.agentmetrics.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.lang.Nullable;

/**
 * Finds the span of an observation and what the observations around it hold.
 *
 * @author agent-metrics
 */
final class Spans {

	private Spans() {
	}

	/**
	 * Return the span a tracer opened for an observation; it is still open while the
	 * observation's filters run.
	 * @param context the observation's context
	 * @return the span, or {@code null} when no tracer made one
	 */
	@Nullable
	static Span of(Observation.Context context) {
		TracingContext tracing = context.get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null && !span.isNoop()) ? span : null;
	}

	/**
	 * Return the nearest value of the given type that an ancestor context holds.
	 * @param <T> the type
	 * @param context the context whose parents are searched
	 * @param type the type, the value's key
	 * @param depth how many parents to search at most
	 * @return the value, or {@code null}
	 */
	@Nullable
	static <T> T ancestorValue(Observation.ContextView context, Class<T> type, int depth) {
		ObservationView parent = context.getParentObservation();
		for (int i = 0; parent != null && i < depth; i++) {
			Observation.ContextView view = parent.getContextView();
			T value = view.get(type);
			if (value != null) {
				return value;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

}
