package chat.platform.boundary;

import chat.platform.entity.ApiError;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON asked for: 400 BAD_REQUEST, without echoing parser internals. */
@Provider
public class BadInputMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
        return ApiError.response(400, "BAD_REQUEST", "the body is not the JSON this call takes");
    }
}
