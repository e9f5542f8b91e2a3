import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.ObjectArrayInstance;
import org.netbeans.lib.profiler.heap.ObjectFieldValue;

/**
 * Which fields of a per-connection object hold the heap: every object whose shortest path from a GC root passes
 * through an instance of the anchor class is counted under the field path from the anchor down to it (first
 * levels only), summed and divided by the number of connections. Each object is counted once, on its shortest
 * path, so an array shared by many connections counts under one of them.
 * Usage: java HeapPaths.java DUMP.hprof ANCHOR_CLASS CONNECTIONS [DEPTH [TOP [SKIP]]]
 */
public class HeapPaths {

    public static void main(String[] args) throws Exception {
        Heap heap = HeapFactory.createHeap(new File(args[0]));
        String anchor = args[1];
        double connections = Double.parseDouble(args[2]);
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int top = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int skip = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Map<String, long[]> bytesAndCount = new HashMap<>();
        long total = 0;
        for (Iterator<?> all = heap.getAllInstancesIterator(); all.hasNext(); ) {
            Instance object = (Instance) all.next();
            List<Instance> path = pathFromAnchor(object, anchor);
            if (path == null) {
                continue;
            }
            StringBuilder key = new StringBuilder(shortName(path.get(0)));
            for (int k = Math.max(1, skip + 1); k < path.size() && k <= depth; k++) {
                key.append(" .").append(field(path.get(k - 1), path.get(k))).append("> ").append(shortName(path.get(k)));
            }
            long[] sum = bytesAndCount.computeIfAbsent(key.toString(), x -> new long[2]);
            sum[0] += object.getSize();
            sum[1]++;
            total += object.getSize();
        }
        System.out.printf("under %s: %.0f B per connection%n", anchor, total / connections);
        bytesAndCount.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(top)
                .forEach(e -> System.out.printf("%8.0f B %6.1f objects  %s%n",
                        e.getValue()[0] / connections, e.getValue()[1] / connections, e.getKey()));
    }

    /** The shortest path from the nearest anchor above the object down to it, or null when none is above it. */
    private static List<Instance> pathFromAnchor(Instance object, String anchor) {
        List<Instance> path = new ArrayList<>();
        Instance current = object;
        for (int guard = 0; current != null && guard < 200; guard++) {
            path.add(current);
            if (current.getJavaClass().getName().equals(anchor)) {
                Collections.reverse(path);
                return path;
            }
            Instance up = current.getNearestGCRootPointer();
            if (up == null || up.getInstanceId() == current.getInstanceId()) {
                return null;
            }
            current = up;
        }
        return null;
    }

    private static String field(Instance from, Instance to) {
        if (from instanceof ObjectArrayInstance) {
            return "[]";
        }
        for (Object value : from.getFieldValues()) {
            if (value instanceof ObjectFieldValue f && f.getInstance() != null && f.getInstance().getInstanceId() == to.getInstanceId()) {
                return f.getField().getName();
            }
        }
        return "?";
    }

    private static String shortName(Instance object) {
        String name = object.getJavaClass().getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
