package chat.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import jakarta.ws.rs.core.Application;

/** All REST resources live under /api; their OpenAPI document is served at /openapi. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Chat API", version = "1.0",
        description = "Accounts, tokens, history, presence and administration of the chat server. "
                + "Real-time messaging is the WebSocket /chat?token=<jwt>; see docs/protocol.md."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ChatApplication extends Application {
}
