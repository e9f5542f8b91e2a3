package chat.benchmark;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated user: a WebSocket connection (Netty) and what arrives on it. Frames are read on the channel's
 * event-loop thread and handed to {@link Frames} as bytes; only frames that are not room or direct messages
 * become strings. Sends may come from any thread (Netty queues them on the channel's loop).
 */
final class LoadConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    final int index;
    final String user;
    private final Frames frames;
    private final LongAdder sendFailures;
    private final CompletableFuture<LoadConnection> welcome = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger unwritten = new AtomicInteger();
    private volatile int maxBacklog;
    private volatile Channel channel;
    private final ChannelFutureListener afterWrite;

    LoadConnection(int index, String user, Frames frames, LongAdder sendFailures) {
        this.index = index;
        this.user = user;
        this.frames = frames;
        this.sendFailures = sendFailures;
        this.afterWrite = f -> {
            unwritten.decrementAndGet();
            if (!f.isSuccess()) {
                sendFailures.increment();
            }
        };
    }

    void attach(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(f -> {
            closed.complete(1006);
            welcome.completeExceptionally(new IllegalStateException("connection closed before the welcome frame"));
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        long now = System.nanoTime();
        if (frame instanceof TextWebSocketFrame) {
            frames.received(this, frame.content(), now);
        } else if (frame instanceof CloseWebSocketFrame close) {
            closed.complete(close.statusCode());
            welcome.completeExceptionally(new IllegalStateException("closed " + close.statusCode() + " " + close.reasonText()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        welcome.completeExceptionally(cause);
        ctx.close();
    }

    void welcomed() {
        welcome.complete(this);
    }

    void fail(Throwable cause) {
        welcome.completeExceptionally(cause);
    }

    CompletableFuture<LoadConnection> welcome() {
        return welcome;
    }

    boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive() && !closed.isDone();
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Sends a text frame; the number of frames handed over but not yet written is the send backlog. */
    void send(String text) {
        Channel c = channel;
        if (c == null || !c.isActive()) {
            sendFailures.increment();
            return;
        }
        int backlog = unwritten.incrementAndGet();
        if (backlog > maxBacklog) {
            maxBacklog = backlog;
        }
        c.writeAndFlush(new TextWebSocketFrame(text)).addListener(afterWrite);
    }

    int maxBacklog() {
        return maxBacklog;
    }

    /** Starts a normal close; the caller closes the socket of whatever has not closed in time. */
    void close() {
        Channel c = channel;
        if (c != null && c.isActive()) {
            c.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        }
    }

    void abort() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }
}
