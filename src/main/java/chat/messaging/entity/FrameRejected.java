package chat.messaging.entity;

/** A client frame that is answered with an {@code error} frame; the connection stays open. */
public class FrameRejected extends RuntimeException {

    private final ErrorCode code;

    public FrameRejected(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
