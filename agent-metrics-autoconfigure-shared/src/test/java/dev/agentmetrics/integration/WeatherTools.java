package dev.agentmetrics.integration;

import org.springframework.ai.tool.annotation.Tool;

/**
 * The tool the provider integration tests' tool loops call.
 */
class WeatherTools {

	@Tool(description = "Current weather in a city")
	String getWeather(String city) {
		return "Sunny in " + city;
	}

}
