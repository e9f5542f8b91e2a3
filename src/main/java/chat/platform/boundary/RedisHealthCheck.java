package chat.platform.boundary;

import chat.platform.control.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Redis answers: without it no message can be accepted. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    @Inject
    Redis redis;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis")
                .status(redis.ping())
                .withData("subscribed", redis.isSubscribed())
                .build();
    }
}
