package phoenix.bridge.taps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the work of each reader in order, one task after the other, and different readers in parallel on a few
 * threads: a reader whose taps wait for the command side holds up only itself.
 */
final class DeviceQueues {

    private static final Logger log = LoggerFactory.getLogger(DeviceQueues.class);

    private final ExecutorService workers;
    private final Map<String, Queue<Runnable>> queues = new HashMap<>();

    DeviceQueues(int threads) {
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "tap-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(String device, Runnable task) {
        synchronized (queues) {
            Queue<Runnable> queue = queues.get(device);
            if (queue != null) {
                queue.add(task); // the running drain of this reader picks it up
                return;
            }
            queue = new ArrayDeque<>();
            queue.add(task);
            queues.put(device, queue);
        }
        workers.execute(() -> drain(device));
    }

    /** Tasks of the reader not yet done, the running one included. */
    int depth(String device) {
        synchronized (queues) {
            Queue<Runnable> queue = queues.get(device);
            return queue == null ? 0 : queue.size();
        }
    }

    private void drain(String device) {
        while (true) {
            Runnable task;
            synchronized (queues) {
                Queue<Runnable> queue = queues.get(device);
                task = queue.peek();
                if (task == null) {
                    queues.remove(device);
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("A task of reader {} failed", device, e);
            }
            synchronized (queues) {
                queues.get(device).poll();
            }
        }
    }

    /**
     * Interrupts running tasks and waits up to the timeout for them to end; queued tasks are dropped. Either way their
     * messages stay unacknowledged and come again.
     */
    void shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(timeout, unit);
    }
}
