/*
 * What one wake-up costs this machine, with no Java and no work: a thread blocks in read() on a pipe, another
 * thread writes a few bytes every PERIOD ms (as a pacer or arecord feeds the daemon's stdin), and the reader's
 * own CPU time (CLOCK_THREAD_CPUTIME_ID) is divided by the wake-ups. Also a plain nanosleep loop. The live
 * daemon pays this at least once per audio arrival; tools/bench/live.sh prints it beside the daemon's CPU.
 * With TOUCH_KB, the reader also reads a buffer of that size after each wake-up, as the detector walks its
 * code, tables and weights: its cost after a wake-up, against the same walk done back to back, shows what
 * the caches (and on a virtual machine, the world switch) lose while a thread sleeps.
 *
 *   cc -O2 -pthread -o wakeup tools/bench/wakeup.c && ./wakeup [PERIOD_MS] [COUNT] [TOUCH_KB]   (100 100 0)
 *
 * Prints: "pipe <µs CPU per wake-up> nanosleep <µs> touch <µs per walk after a wake-up> hot <µs per walk>".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int period_ms = 100, count = 100, fds[2];
static size_t touch_bytes;
static volatile unsigned char *touched;

/* Reads one byte per 64-byte line of the buffer; returns the sum so the loop is not optimised away. */
static unsigned walk(void) {
    unsigned sum = 0;
    for (size_t i = 0; i < touch_bytes; i += 64) sum += touched[i];
    return sum;
}

static double thread_cpu_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void *writer(void *unused) {
    (void) unused;
    struct timespec d = {period_ms / 1000, (period_ms % 1000) * 1000000L};
    char chunk[64] = {0};
    for (int i = 0; i < count; i++) {
        nanosleep(&d, NULL);
        if (write(fds[1], chunk, sizeof chunk) != sizeof chunk) exit(1);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) period_ms = atoi(argv[1]);
    if (argc > 2) count = atoi(argv[2]);
    if (argc > 3) touch_bytes = (size_t) atoi(argv[3]) * 1024;
    if (period_ms <= 0 || count <= 0 || pipe(fds) != 0) return 2;
    touched = calloc(touch_bytes + 1, 1);
    if (touched == NULL) return 2;
    for (size_t i = 0; i < touch_bytes; i++) touched[i] = (unsigned char) i;
    unsigned sink = 0;
    pthread_t w;
    pthread_create(&w, NULL, writer, NULL);
    char buf[4096];
    double start = thread_cpu_us();
    for (int got = 0; got < count;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) return 1;
        got += (int) (n / 64);
    }
    double pipe_us = (thread_cpu_us() - start) / count;
    pthread_join(w, NULL);
    // The walk after each wake-up (the reader blocked in between), then the same walks back to back.
    pthread_create(&w, NULL, writer, NULL);
    double touch_us = 0;
    for (int got = 0; got < count;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) return 1;
        got += (int) (n / 64);
        double t = thread_cpu_us();
        sink += walk();
        touch_us += thread_cpu_us() - t;
    }
    pthread_join(w, NULL);
    start = thread_cpu_us();
    for (int i = 0; i < count; i++) sink += walk();
    double hot_us = (thread_cpu_us() - start) / count;
    struct timespec d = {period_ms / 1000, (period_ms % 1000) * 1000000L};
    start = thread_cpu_us();
    for (int i = 0; i < count; i++) nanosleep(&d, NULL);
    printf("pipe %.1f nanosleep %.1f touch %.1f hot %.1f%s\n", pipe_us, (thread_cpu_us() - start) / count,
           touch_us / count, hot_us, sink == 1 ? " " : "");
    return 0;
}
