package chat.messaging.entity;

/** The error codes of the contract, sent in {@code error} frames. */
public enum ErrorCode {
    BAD_REQUEST, TOO_LARGE, RATE_LIMITED, USER_NOT_FOUND, NOT_MEMBER, UNAVAILABLE
}
