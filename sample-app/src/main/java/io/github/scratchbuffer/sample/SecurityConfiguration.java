package io.github.scratchbuffer.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading is open to all; changing the actuator endpoints (switching pooling, draining
 * the pool) needs HTTP basic credentials. The user is Spring Boot's
 * {@code spring.security.user}: set its password through configuration or the environment
 * ({@code SPRING_SECURITY_USER_PASSWORD}); without one, Boot generates a password at
 * start-up and logs it. Nothing is hard-coded.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/actuator/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.authenticated()
			.anyRequest()
			.permitAll());
		http.httpBasic(Customizer.withDefaults());
		// Stateless, authenticated on every request: no session or cookie to forge.
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
