package chat.platform.entity;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error body of every REST answer that is not a success: {"error":"CODE","message":"..."}. */
public record ApiError(String error, String message) {

    public Response toResponse(int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
    }

    public static Response response(int status, String code, String message) {
        return new ApiError(code, message).toResponse(status);
    }
}
