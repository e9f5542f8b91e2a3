package chat.benchmark;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The generator's connections: Netty WebSocket clients on a few event-loop threads (generator.clients), each
 * thread reading many sockets. A connection counts once the server's welcome frame arrived.
 */
final class LoadClients implements AutoCloseable {

    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final URI chatUri;
    private final Tokens tokens;
    private final Frames frames;
    private final EventLoopGroup loops;
    private final boolean epoll;
    private final List<LoadConnection> connections = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final LongAdder sendFailures = new LongAdder();

    LoadClients(URI chatUri, Tokens tokens, Frames frames, int threads) {
        this.chatUri = chatUri;
        this.tokens = tokens;
        this.frames = frames;
        java.util.concurrent.ThreadFactory factory = r -> {
            Thread t = new Thread(r, "load-loop");
            t.setDaemon(true);
            return t;
        };
        this.epoll = Epoll.isAvailable() && !"nio".equals(System.getProperty("bench.transport"));
        this.loops = epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** What a batch of connects achieved: connections that got their welcome, failures, and the time it took. */
    record Batch(List<LoadConnection> connected, int failed, String firstFailure, long nanos) {

        double perSecond() {
            return nanos == 0 ? 0 : connected.size() * 1e9 / nanos;
        }
    }

    /**
     * Connects users {@code names} with at most {@code concurrency} handshakes in flight; a connection counts
     * once its welcome frame arrived (authenticated and registered). Bounded by {@code limit} overall.
     */
    Batch connect(List<String> names, int concurrency, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<LoadConnection>> pending = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            LoadConnection connection = open(name);
            CompletableFuture<LoadConnection> welcomed = connection.welcome()
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete((c, e) -> {
                        inFlight.release();
                        if (e != null) {
                            connection.abort();
                        }
                    });
            pending.add(welcomed);
        }
        List<LoadConnection> connected = new ArrayList<>(pending.size());
        int failed = names.size() - pending.size();
        String firstFailure = failed > 0 ? "not attempted within " + limit : null;
        for (CompletableFuture<LoadConnection> f : pending) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                connected.add(f.get(left, TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = rootMessage(e);
                }
            }
        }
        return new Batch(connected, failed, firstFailure, System.nanoTime() - start);
    }

    private LoadConnection open(String name) {
        LoadConnection connection = new LoadConnection(nextIndex.getAndIncrement(), name, frames, sendFailures);
        URI uri = URI.create(chatUri + "?token=" + tokens.mint(name));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(30_000)
                .dropPongFrames(true)
                .build();
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME), connection);
                    }
                });
        connections.add(connection);
        ChannelFuture connected = bootstrap.connect(uri.getHost(), uri.getPort());
        connection.attach(connected.channel());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                connection.fail(f.cause());
            }
        });
        return connection;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    long sendFailures() {
        return sendFailures.sum();
    }

    int open() {
        synchronized (connections) {
            int n = 0;
            for (LoadConnection c : connections) {
                if (c.isOpen()) {
                    n++;
                }
            }
            return n;
        }
    }

    int maxBacklog() {
        synchronized (connections) {
            int max = 0;
            for (LoadConnection c : connections) {
                max = Math.max(max, c.maxBacklog());
            }
            return max;
        }
    }

    /** Closes every connection normally, waits a bounded time, then aborts the rest. */
    void closeAll(Duration wait) {
        List<LoadConnection> all;
        synchronized (connections) {
            all = new ArrayList<>(connections);
            connections.clear();
        }
        all.forEach(LoadConnection::close);
        long deadline = System.nanoTime() + wait.toNanos();
        for (LoadConnection c : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                c.closed().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception ignored) {
                // aborted below
            }
        }
        all.forEach(LoadConnection::abort);
    }

    @Override
    public void close() {
        closeAll(Duration.ofSeconds(10));
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    }
}
