package chat.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the JVM has heap to spare; Redis trouble is readiness, never liveness (no restart loops). */
@Liveness
@ApplicationScoped
public class JvmHealthCheck implements HealthCheck {

    private static final double MAX_HEAP_USE = 0.95;

    @Override
    public HealthCheckResponse call() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        double share = (double) used / rt.maxMemory();
        return HealthCheckResponse.named("jvm")
                .status(share < MAX_HEAP_USE)
                .withData("heapUsedMb", used >> 20)
                .withData("heapMaxMb", rt.maxMemory() >> 20)
                .build();
    }
}
