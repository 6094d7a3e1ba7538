package dev.agentmetrics.tracing;

import dev.agentmetrics.support.FailOpenLogger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.tracing.Span;

/**
 * An {@link ObservationFilter} that adds attributes to the span of one kind of
 * observation. Filters run once the observation's key values are final and before any
 * handler ends the span, which is what lets them set typed attributes Spring AI's string
 * key values would otherwise overwrite. A failure is logged once and never reaches the
 * observed code.
 *
 * @param <C> the kind of observation context
 * @author agent-metrics
 */
abstract class SpanFilter<C extends Observation.Context> implements ObservationFilter {

	private static final FailOpenLogger logger = new FailOpenLogger(SpanFilter.class);

	private final Class<C> contextType;

	private final String what;

	/**
	 * Create a filter.
	 * @param contextType the kind of observation context it enriches
	 * @param what what it adds, for the log should it fail
	 */
	SpanFilter(Class<C> contextType, String what) {
		this.contextType = contextType;
		this.what = what;
	}

	@Override
	public final Observation.Context map(Observation.Context context) {
		if (this.contextType.isInstance(context)) {
			Span span = Spans.of(context);
			if (span != null) {
				try {
					enrich(this.contextType.cast(context), span);
				}
				catch (Throwable ex) {
					logger.recordingFailed(this.what, ex);
				}
			}
		}
		return context;
	}

	/**
	 * Add attributes to the span of an observation that is about to stop.
	 * @param context the observation's context
	 * @param span its span, still open
	 */
	abstract void enrich(C context, Span span);

}
