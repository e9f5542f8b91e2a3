import com.sun.tools.attach.VirtualMachine;

/** Loads async-profiler (the library named by ASYNC_PROFILER_LIB) into JVM args[0] with options args[1]. */
public class Load {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        vm.loadAgentPath(System.getenv("ASYNC_PROFILER_LIB"), args[1]);
        vm.detach();
    }
}
