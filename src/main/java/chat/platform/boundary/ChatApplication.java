package chat.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources live under /api. */
@ApplicationPath("/api")
public class ChatApplication extends Application {
}
