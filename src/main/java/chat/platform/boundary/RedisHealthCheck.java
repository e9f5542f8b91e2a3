package chat.platform.boundary;

import chat.platform.control.BusSubscription;
import chat.platform.control.Redis;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Redis answers and the bus subscription is up: without them no message is accepted or delivered. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    @Inject
    Redis redis;

    @Inject
    BusSubscription subscription;

    @Override
    public HealthCheckResponse call() {
        boolean answers;
        boolean subscribed;
        try {
            answers = redis.ping();
            subscribed = subscription.isSubscribed();
        } catch (EJBException e) {
            // asked while the application is still deploying (run.sh polls from the start): not ready, no stack trace
            answers = false;
            subscribed = false;
        }
        return HealthCheckResponse.named("redis")
                .status(answers && subscribed)
                .withData("answers", answers)
                .withData("subscribed", subscribed)
                .build();
    }
}
