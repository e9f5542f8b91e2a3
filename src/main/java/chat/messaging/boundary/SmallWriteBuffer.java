package chat.messaging.boundary;

import chat.platform.control.ContainerInside;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * Gives the WebSocket connection's response a 512-byte output buffer instead of Payara's 8 KiB, before the upgrade.
 * Grizzly copies a write that fits its buffer into a freshly allocated one, and hands a larger write to the socket as
 * it is. With 8 KiB, every socket write of the fan-out allocated 8 KiB: 95 % of the server's allocation in the
 * benchmark. With 512 bytes a batch of frames goes out without a copy, and a single small frame costs 512 bytes.
 * The servlet API cannot lower the size ({@code setBufferSize} only ever raises it in Payara's web container), so
 * this reaches Grizzly's buffer through the container's response; in another container it does nothing.
 */
@WebFilter(urlPatterns = "/chat", asyncSupported = true)
public class SmallWriteBuffer extends HttpFilter {

    private static final int SIZE = 512;
    private static final ContainerInside<MethodHandle> RESIZE = new ContainerInside<>(SmallWriteBuffer::resizeFor,
            Logger.getLogger(SmallWriteBuffer.class.getName()), "WebSocket writes keep the container's output buffer size");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RESIZE.use(response, resize -> {
            resize.invokeExact((Object) response, SIZE);
            return null;
        });
        chain.doFilter(request, response);
    }

    /** (response, size) → Grizzly's output buffer of that Catalina response facade gets the size. */
    private static MethodHandle resizeFor(Class<?> facade) throws ReflectiveOperationException {
        Field field = facade.getDeclaredField("response");
        field.setAccessible(true);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle catalinaResponse = lookup.unreflectGetter(field);
        MethodHandle grizzlyResponse = lookup.unreflect(field.getType().getMethod("getCoyoteResponse"));
        Class<?> grizzly = grizzlyResponse.type().returnType();
        MethodHandle outputBuffer = lookup.unreflect(grizzly.getMethod("getOutputBuffer"));
        MethodHandle setSize = lookup.unreflect(outputBuffer.type().returnType().getMethod("setBufferSize", int.class));
        MethodHandle chain = MethodHandles.filterArguments(setSize, 0,
                MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(catalinaResponse, grizzlyResponse), outputBuffer));
        return chain.asType(MethodType.methodType(void.class, Object.class, int.class));
    }
}
