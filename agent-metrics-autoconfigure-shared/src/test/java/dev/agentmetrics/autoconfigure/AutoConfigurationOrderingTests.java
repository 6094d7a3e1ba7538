package dev.agentmetrics.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration this line's jar lists runs after the Spring Boot metrics
 * auto-configurations of this line's Boot generation (whose package moved in Boot 4), so
 * that the {@code MeterRegistry} their conditions ask for exists, and the meter filters
 * of Boot's {@code management.metrics.distribution.*} properties apply before ours.
 */
class AutoConfigurationOrderingTests {

	private static final ClassLoader CLASS_LOADER = AutoConfigurationOrderingTests.class.getClassLoader();

	@Test
	void runsEveryAutoConfigurationAfterBootsMetricsOnThisLine() throws Exception {
		List<Class<?>> ours = new ArrayList<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class, CLASS_LOADER)) {
			if (name.startsWith("dev.agentmetrics.")) {
				ours.add(ClassUtils.forName(name, CLASS_LOADER));
			}
		}
		assertThat(ours).hasSizeGreaterThanOrEqualTo(9);
		List<Class<?>> boots = new ArrayList<>();
		for (String name : List.of(BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
				BootAutoConfigurations.COMPOSITE_REGISTRY_3, BootAutoConfigurations.COMPOSITE_REGISTRY_4)) {
			if (ClassUtils.isPresent(name, CLASS_LOADER)) {
				boots.add(ClassUtils.forName(name, CLASS_LOADER));
			}
		}
		// This line's generation only: two of Boot 3.5's, or two of Boot 4's.
		assertThat(boots).hasSize(2);
		// Ours listed first, so that only the ordering annotations can put them after Boot's.
		List<Class<?>> all = new ArrayList<>(ours);
		all.addAll(boots);
		List<Class<?>> sorted = List.of(Configurations.getClasses(AutoConfigurations.of(all.toArray(Class<?>[]::new))));
		int lastBoot = boots.stream().mapToInt(sorted::indexOf).max().getAsInt();
		for (Class<?> autoConfiguration : ours) {
			if (autoConfiguration != ProviderAutoConfiguration.class) {
				assertThat(sorted.indexOf(autoConfiguration)).as("position of %s", autoConfiguration.getSimpleName())
					.isGreaterThan(lastBoot);
			}
		}
	}

}
