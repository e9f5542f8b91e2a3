package chat.messaging.boundary;

import chat.auth.boundary.HandshakeConfigurator;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The handshake's checks (inherited), and a {@link ChatEndpoint} built with the services it needs instead of by
 * CDI. CDI made each connection's endpoint a managed instance of its own: Weld kept an injection target, injection
 * points and creational contexts with it for the connection's life, about 1.5 KiB of heap per connection
 * (docs/benchmark/history.md, eighth session), and built them anew at every connect. The endpoint needs nothing
 * per connection from CDI; the services are looked up once.
 */
public class ChatEndpointConfigurator extends HandshakeConfigurator {

    private volatile EndpointServices services;

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != ChatEndpoint.class) {
            return super.getEndpointInstance(endpointClass);
        }
        EndpointServices found = services;
        if (found == null) {
            // two first handshakes at once both look it up: the same bean, so either may win
            found = CDI.current().select(EndpointServices.class).get();
            services = found;
        }
        return endpointClass.cast(new ChatEndpoint(found));
    }
}
