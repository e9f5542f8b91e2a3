package chat.platform.boundary;

import chat.platform.control.StoreUnavailable;
import chat.platform.entity.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Redis down: 503 UNAVAILABLE, the client retries later. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailable> {
    @Override
    public Response toResponse(StoreUnavailable e) {
        return ApiError.response(503, "UNAVAILABLE", "the store is unavailable, try again later");
    }
}
