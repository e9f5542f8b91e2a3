package chat.platform.boundary;

import chat.platform.entity.ApiError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that cannot be read as the JSON asked for (Jersey wraps the JSON-B error): 400 BAD_REQUEST, without echoing parser internals. */
@Provider
public class BadInputMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return ApiError.response(400, "BAD_REQUEST", "the body is not the JSON this call takes");
    }
}
