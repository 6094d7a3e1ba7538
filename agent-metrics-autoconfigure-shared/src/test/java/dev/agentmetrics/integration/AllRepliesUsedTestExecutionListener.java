package dev.agentmetrics.integration;

import java.util.Map;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test that left a request without a scripted reply, or a reply without a request,
 * on a fake provider server of its application ({@link FakeOpenAi}, {@link FakeGemini}),
 * and resets the fakes for the next test.
 */
class AllRepliesUsedTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	@SuppressWarnings("rawtypes")
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		Map<String, ScriptedJsonServer> fakes = testContext.getApplicationContext()
			.getBeansOfType(ScriptedJsonServer.class);
		assertThat(fakes).as("fake provider servers of the application").isNotEmpty();
		fakes.forEach((name, fake) -> {
			String leftovers = fake.leftovers();
			fake.reset();
			assertThat(leftovers).as("what the test left on the fake server %s", name)
				.isEqualTo("0 unexpected requests, 0 unused replies");
		});
	}

}
