package dev.agentmetrics.integration;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test that left a request without a scripted reply, or a reply without a request,
 * on the {@link FakeOpenAi} of its application, and resets the fake for the next test.
 */
class AllRepliesUsedTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		FakeOpenAi openAi = testContext.getApplicationContext().getBean(FakeOpenAi.class);
		String leftovers = openAi.leftovers();
		openAi.reset();
		assertThat(leftovers).as("what the test left on the fake OpenAI server")
			.isEqualTo("0 unexpected requests, 0 unused replies");
	}

}
