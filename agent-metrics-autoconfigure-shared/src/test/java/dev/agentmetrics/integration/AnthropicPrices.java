package dev.agentmetrics.integration;

import java.util.List;

/**
 * The model the Anthropic integration tests ask for and the prices they configure for it,
 * Claude Sonnet 4.5's list prices with a long-context tier, so that the tests do not
 * depend on the built-in table.
 */
final class AnthropicPrices {

	/** The model the application asks for. */
	static final String MODEL = "claude-sonnet-4-5";

	/** USD per token: input, output, cache read, five-minute and one-hour cache writes. */
	static final double IN = 3.00 / 1e6, OUT = 15.00 / 1e6, READ = 0.30 / 1e6, WRITE_5M = 3.75 / 1e6,
			WRITE_1H = 6.00 / 1e6;

	/** The same above 200,000 prompt tokens. */
	static final double LONG_IN = 6.00 / 1e6, LONG_OUT = 22.50 / 1e6, LONG_READ = 0.60 / 1e6;

	static final List<String> PROPERTIES = List.of("--agent-metrics.pricing.models.[claude-sonnet-4-5].input=3",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].output=15",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].cache-read=0.30",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].cache-write=3.75",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].cache-write-1h=6",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].long-context.threshold=200000",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].long-context.input=6",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].long-context.output=22.5",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].long-context.cache-read=0.60",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].long-context.cache-write=7.5",
			"--agent-metrics.pricing.models.[claude-sonnet-4-5].long-context.cache-write-1h=12");

	private AnthropicPrices() {
	}

}
