package chat.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.UUID;

/** This instance's name in the cluster: host name plus a random part, new at every start. */
@ApplicationScoped
public class ClusterNode {

    private final String id = host() + "-" + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "node";
        }
    }
}
