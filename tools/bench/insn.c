/*
 * A QEMU TCG plugin that counts the guest instructions each guest thread executes and writes the counts to
 * a file at exit: "<thread index> <instructions>" per line, then "total <instructions>".
 * tools/bench.sh uses it under qemu-aarch64 to count the arm64 instructions of one hop of the pipeline
 * (the difference of two runs of different lengths), which is what a Cortex-A72 would execute.
 *
 *   cc -shared -fPIC -O2 -o insn.so tools/bench/insn.c
 *   qemu-aarch64 -plugin ./insn.so,out=counts.txt ...
 *
 * QEMU's plugin API (version 1, QEMU 7.x) is plain C; the few declarations used are written out here so the
 * plugin builds without QEMU's source tree. Per-thread counters, not one shared inline counter: the JVM's
 * threads run in parallel and inline adds are not atomic.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           void (*cb)(qemu_plugin_id_t, struct qemu_plugin_tb *));
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, void (*cb)(unsigned int, void *),
                                          enum qemu_plugin_cb_flags flags, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void (*cb)(qemu_plugin_id_t, void *), void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* qemu-user gives each guest thread its own vCPU index; the JVM here starts far fewer threads than this. */
#define MAX_THREADS 1024
static uint64_t counts[MAX_THREADS];
static char out_path[4096] = "insn-counts.txt";

static void on_exec(unsigned int cpu, void *n_insns)
{
    counts[cpu % MAX_THREADS] += (uintptr_t) n_insns;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void) id;
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_exec, QEMU_PLUGIN_CB_NO_REGS,
                                         (void *) (uintptr_t) qemu_plugin_tb_n_insns(tb));
}

static void write_counts(qemu_plugin_id_t id, void *unused)
{
    (void) id;
    (void) unused;
    FILE *f = fopen(out_path, "w");
    if (f == NULL) {
        perror(out_path);
        return;
    }
    uint64_t total = 0;
    for (int i = 0; i < MAX_THREADS; i++) {
        if (counts[i] != 0) fprintf(f, "%d %llu\n", i, (unsigned long long) counts[i]);
        total += counts[i];
    }
    fprintf(f, "total %llu\n", (unsigned long long) total);
    fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info, int argc, char **argv)
{
    (void) info;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "out=", 4) == 0) {
            strncpy(out_path, argv[i] + 4, sizeof out_path - 1);
        } else {
            fprintf(stderr, "insn plugin: unknown argument '%s' (only out=FILE)\n", argv[i]);
            return 1;
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, write_counts, NULL);
    return 0;
}
