package chat.messaging.entity;

import java.util.regex.Pattern;

/** Message ids are Redis Stream ids: {@code <ms>-<seq>}, ordered by the first number, then the second. */
public final class MessageId {

    private static final Pattern VALID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private MessageId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The Redis time, in epoch milliseconds, at which the message with this (valid) id was stored. */
    public static long millis(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }
}
