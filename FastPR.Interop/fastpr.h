/*
 * fastpr.h: the C ABI of libfastpr.so, FastPR compiled by NativeAOT (FastPR.Interop).
 *
 * Conventions
 *  - Every function returns a status code (FASTPR_OK or FASTPR_ERROR_*), except fastpr_last_error. On failure,
 *    fastpr_last_error() returns a one-line UTF-8 message for the calling thread, valid until that thread's next failure.
 *    No exception or signal ever leaves the library because of bad input.
 *  - Handles are opaque. A null, freed or wrong-kind handle gives FASTPR_ERROR_HANDLE, never a crash. Freeing NULL is a no-op.
 *  - Vectors are caller-owned double buffers with an explicit length (int64_t). The library reads and writes them in place
 *    during the call and keeps no pointer to them afterwards. Lengths must match exactly (d for states and vectors).
 *  - Strings are written into caller buffers as NUL-terminated UTF-8: *needed receives the size including the NUL; a buffer
 *    that is too small gives FASTPR_ERROR_BUFFER_TOO_SMALL (call again with *needed bytes). Several functions return
 *    "key=value" lines, one per line.
 *  - Threads: handles may be used from any thread. An engine is stepped by one thread at a time (one engine per thread);
 *    a second concurrent call on the same engine gives FASTPR_ERROR_BUSY. Problems, theory and run results are read-only
 *    after creation and can be shared.
 *  - Intel MKL (libmkl_rt.so) is loaded on first use exactly as in .NET (FastPR.Native's MklLibrary): FASTPR_MKL_PATH, then
 *    the usual names and paths; sequential threading layer, LP64; the non-Intel fast path through
 *    libfastpr_mkl_*_dispatch.so next to libfastpr.so (FASTPR_MKL_AMD_FASTPATH=0 turns it off); CNR mode Auto unless
 *    FASTPR_MKL_CNR or MKL_CBWR say otherwise.
 *  - Enumerations are int32_t codes; any other value gives FASTPR_ERROR_ARGUMENT.
 */
#ifndef FASTPR_H
#define FASTPR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised on any change a caller compiled against this header could notice. */
#define FASTPR_ABI_VERSION 2

/* Status codes. */
#define FASTPR_OK 0
#define FASTPR_ERROR_ARGUMENT 1         /* bad parameter, length, null pointer or non-finite value */
#define FASTPR_ERROR_HANDLE 2           /* null, freed or wrong-kind handle */
#define FASTPR_ERROR_MKL_NOT_FOUND 3    /* Intel MKL could not be found or loaded; the message says what was tried */
#define FASTPR_ERROR_MKL 4              /* MKL loaded but refused a setting or a call */
#define FASTPR_ERROR_BUSY 5             /* the engine is being stepped by another thread */
#define FASTPR_ERROR_BUFFER_TOO_SMALL 6 /* a string did not fit; *needed holds the size */
#define FASTPR_ERROR_INTERNAL 7         /* any other failure */

/* Engine kinds (fastpr_engine_create, fastpr_simulate). */
#define FASTPR_ENGINE_AUTO 0      /* as the CLI's --engine auto: the explicit engine (FASTPR_ENGINE_MKL), or the projected one where it draws fewer normals */
#define FASTPR_ENGINE_REFERENCE 1 /* scalar loops, the oracle */
#define FASTPR_ENGINE_MKL 2       /* explicit B x d minibatches in fused managed sweeps (despite its name it calls no MKL) */
#define FASTPR_ENGINE_PROJECTED 3 /* exact in law with d + 2B normals per step */

/* Gaussian sources. */
#define FASTPR_SOURCE_AUTO 0     /* the ziggurat */
#define FASTPR_SOURCE_MKL 1      /* MKL VSL */
#define FASTPR_SOURCE_MANAGED 2  /* SIMD Philox + Box-Muller */
#define FASTPR_SOURCE_ZIGGURAT 3 /* SIMD ziggurat on xoshiro256++ lanes */

/* Algorithms (fastpr_simulate). */
#define FASTPR_ALGORITHM_SGD 0
#define FASTPR_ALGORITHM_GD 1
#define FASTPR_ALGORITHM_FLOW 2
#define FASTPR_ALGORITHM_SGD_ODE 3
#define FASTPR_ALGORITHM_SGD_SDE 4 /* at the CLI's default --sde-stride 1 */

/* Initial-point distributions. */
#define FASTPR_INIT_SPHERE 0   /* uniform on the unit sphere */
#define FASTPR_INIT_GAUSSIAN 1 /* N(0, I/d) */

/* fastpr_statistics writes these, in this order. */
#define FASTPR_STATISTIC_COUNT 7 /* s, u, loss, mse, one_minus_u, s2, u2 */

/* fastpr_theory_values writes these, in this order; NaN where the theory has no value. */
#define FASTPR_THEORY_COUNT 11 /* lambda_1, h_da, sigma_star_sq, s_star, u0, rho, c, t1_predicted, cutoff_time,
                                  teacher_averaged_exponent, bound_exponent */

typedef struct fastpr_problem fastpr_problem; /* spectrum, teacher w*, initial point w(0), label noise sigma */
typedef struct fastpr_engine fastpr_engine;   /* one SGD engine with its own Gaussian stream */
typedef struct fastpr_run fastpr_run;         /* the recorded trajectory of an SGD ensemble, GD or the gradient flow */
typedef struct fastpr_theory fastpr_theory;   /* the theory summary of a problem */
typedef struct fastpr_monitor fastpr_monitor; /* cancels a running simulation from another thread and reads its progress */

/* ---- Library ---- */

/* The calling thread's last error message ("" before any failure). Never NULL; do not free. */
const char *fastpr_last_error(void);
/* *version = FASTPR_ABI_VERSION of the loaded library; compare with this header's. */
int32_t fastpr_abi_version(int32_t *version);
/* FastPR's version, e.g. "0.2.0-g1a2b3c4d+...". */
int32_t fastpr_version(char *buffer, int64_t capacity, int64_t *needed);
/* Loads MKL now if not yet loaded: FASTPR_OK, or FASTPR_ERROR_MKL_NOT_FOUND / FASTPR_ERROR_MKL with the loader's reason. */
int32_t fastpr_mkl_load(void);
/* key=value lines: available (0/1), cpu, vector_bits (the widest vectors this build runs: 256 for x86-64-v3, 512 for v4), and
   when available path, version, threading, dispatch, dispatch_note, cnr; else error. */
int32_t fastpr_mkl_info(char *buffer, int64_t capacity, int64_t *needed);

/* ---- Problems ---- */

/* The power law lambda_i ~ i^-a (trace-normalised when normalized = 1), d >= 1, a >= 0, sigma >= 0; teacher (s* = 1) and
   w(0) drawn from problem_seed exactly as the CLI's --d --a --sigma --init --problem-seed. */
int32_t fastpr_problem_power_law(int32_t d, double a, int32_t normalized, double sigma, int32_t init, uint64_t problem_seed,
                                 fastpr_problem **problem);
/* A problem on d given eigenvalues (finite, > 0, any order). teacher and w0 may be NULL (then drawn from problem_seed as for a
   power law) or point to d values; a given teacher is scaled to s* = 1 when scale_teacher = 1, used as given when 0. */
int32_t fastpr_problem_from_eigenvalues(const double *eigenvalues, int64_t d, const double *teacher, const double *w0,
                                        int32_t scale_teacher, double sigma, int32_t init, uint64_t problem_seed,
                                        fastpr_problem **problem);
int32_t fastpr_problem_dimension(const fastpr_problem *problem, int64_t *d);
int32_t fastpr_problem_sigma(const fastpr_problem *problem, double *sigma);
/* Copy w(0), w* or the eigenvalues into a caller buffer of length d. */
int32_t fastpr_problem_initial_point(const fastpr_problem *problem, double *w, int64_t length);
int32_t fastpr_problem_teacher(const fastpr_problem *problem, double *teacher, int64_t length);
int32_t fastpr_problem_eigenvalues(const fastpr_problem *problem, double *eigenvalues, int64_t length);
int32_t fastpr_problem_free(fastpr_problem *problem);

/* ---- Engines ---- */

/* An SGD engine for member `member` (>= 0) of run seed `seed`: the same stream as member `member` of fastpr_simulate (and the
   CLI) with that seed, source and engine. kind: FASTPR_ENGINE_*, source: FASTPR_SOURCE_*, batch >= 1, eta > 0; sigma is the
   label noise, NaN for the problem's own. The engine keeps its own reference to the problem. */
int32_t fastpr_engine_create(const fastpr_problem *problem, int32_t kind, int32_t source, int32_t batch, double eta, double sigma,
                             uint64_t seed, int32_t member, fastpr_engine **engine);
/* Advances w (length d, finite) in place by `steps` >= 0 SGD steps. One thread per engine at a time. */
int32_t fastpr_engine_step(fastpr_engine *engine, double *w, int64_t length, int64_t steps);
/* key=value lines: engine, source, batch, eta, sigma, gaussians_per_step, reason (why "auto" chose the engine). */
int32_t fastpr_engine_info(const fastpr_engine *engine, char *buffer, int64_t capacity, int64_t *needed);
/* Fails with FASTPR_ERROR_BUSY (and keeps the engine) while another thread steps it. */
int32_t fastpr_engine_free(fastpr_engine *engine);

/* ---- Statistics ---- */

/* The exact statistics of w (length d) into values[0..FASTPR_STATISTIC_COUNT): s, u, loss, mse, one_minus_u, s2, u2.
   A non-finite w is allowed: its statistics come out non-finite. */
int32_t fastpr_statistics(const fastpr_problem *problem, const double *w, int64_t length, double *values, int64_t count);

/* ---- Simulations: SGD ensembles, GD and the gradient flow (Simulator.Run, as `fastpr simulate`) ---- */

/* algorithm: FASTPR_ALGORITHM_*; engine, source, batch, eta as for engines (eta also converts steps to time for GD and the
   flow); sigma: NaN for the problem's own; steps >= 0, or < 0 to use `time`; time >= 0, or NaN for the default horizon;
   records >= 2 log-spaced checkpoints; seeds >= 1 members (SGD only); threads >= 1, or 0 for the processor count; seed: run seed. */
int32_t fastpr_simulate(const fastpr_problem *problem, int32_t algorithm, int32_t engine, int32_t source, int32_t batch, double eta,
                        double sigma, int64_t steps, double time, int32_t records, int32_t seeds, int32_t threads, uint64_t seed,
                        fastpr_run **run);
/* A simulation with every option of `fastpr simulate`: `options` holds "key=value" lines, keys the CLI's option names with '_'
   for '-': algorithm, engine, source, identical_minibatches (true/false), batch, eta, sigma, steps, time, records, seeds,
   threads, seed, epsilon, tolerance, closure, sde_stride, schedule (the text of --schedule: constant, cosine:..., wsd:...,
   step:..., power:..., pairs:constant|linear:t=eta,...); checkpoint (a file written when the run is cancelled, and every
   checkpoint_every seconds), resume (a checkpoint file to continue; the keys given must repeat its values). Keys left out keep
   the CLI's defaults (or, resuming, the checkpoint's). Enumerations take the CLI's names (sgd-ode, high-dimensional); numbers
   are invariant-culture text. monitor may be NULL; through a monitor another thread cancels the run, which then stops within
   a bounded piece of work and returns what it recorded with status "interrupted" (and its checkpoint written). A checkpoint
   of a run that ends is removed. Errors name the key. */
int32_t fastpr_simulate_options(const fastpr_problem *problem, const char *options, fastpr_monitor *monitor, fastpr_run **run);
/* The table's shape: one row per checkpoint; columns as trajectory.csv (see fastpr_run_columns). */
int32_t fastpr_run_shape(const fastpr_run *run, int64_t *rows, int64_t *columns);
/* The column names, comma-separated: t,step,s,u,loss,mse,one_minus_u,s2,u2 for one run; an ensemble adds each statistic's
   _std, _q05, _q95, then members and u_aligned (the mean of each member's u times the sign of its own final u), then abs_u,
   abs_u_std, abs_u_q05, abs_u_q95 (the band of |u|). */
int32_t fastpr_run_columns(const fastpr_run *run, char *buffer, int64_t capacity, int64_t *needed);
/* Copies the table, row-major, into values (length rows * columns exactly). */
int32_t fastpr_run_table(const fastpr_run *run, double *values, int64_t length);
/* Members of the run: `seeds` for SGD and the sgd-sde, 1 for GD, the flow and the sgd-ode. */
int32_t fastpr_run_members(const fastpr_run *run, int64_t *members);
/* Member `member`'s (0 <= member < members) own trajectory: one row per record that member reached (fewer than the run's
   rows when it diverged or was interrupted), the columns of a single run, t,step,s,u,loss,mse,one_minus_u,s2,u2 (the first
   *columns names of fastpr_run_columns). Member m's noise is fastpr_engine_create's stream (seed, m): member 0 of an
   ensemble is the run with seeds = 1 and the same seed, bit for bit. For a run of one member it is fastpr_run_table's table. */
int32_t fastpr_run_member_shape(const fastpr_run *run, int32_t member, int64_t *rows, int64_t *columns);
/* Copies member `member`'s table, row-major, into values (length rows * columns of fastpr_run_member_shape exactly). */
int32_t fastpr_run_member_table(const fastpr_run *run, int32_t member, double *values, int64_t length);
/* key=value lines: stepper, source, status (completed/diverged/interrupted), diverged_at_step, engine_reason, records_requested,
   records (rows), records_note (why fewer rows than asked, or empty), steps_completed, wall_seconds, checkpoint (the file an
   interrupted run left, or empty). */
int32_t fastpr_run_info(const fastpr_run *run, char *buffer, int64_t capacity, int64_t *needed);
/* The run's analysis as JSON, the very document `fastpr simulate` writes as summary.json (schema "fastpr.summary/1"): parameters,
   environment, phases, fits, theory, predictions, members, escape distribution, SGD's predictions, timing. */
int32_t fastpr_run_summary(const fastpr_run *run, char *buffer, int64_t capacity, int64_t *needed);
int32_t fastpr_run_free(fastpr_run *run);

/* ---- Monitors: cancellation and progress of fastpr_simulate_options ---- */

int32_t fastpr_monitor_create(fastpr_monitor **monitor);
/* Asks the run to stop at its next check; safe from any thread while another runs the simulation. Idempotent. */
int32_t fastpr_monitor_cancel(fastpr_monitor *monitor);
/* The latest progress: share of the work done in [0, 1], model time t, steps (or leaps) so far over all members, and how many
   reports there have been (0: none yet). */
int32_t fastpr_monitor_progress(const fastpr_monitor *monitor, double *fraction, double *time, int64_t *steps, int64_t *reports);
/* Free it only after the simulation using it has returned. */
int32_t fastpr_monitor_free(fastpr_monitor *monitor);

/* ---- Theory ---- */

int32_t fastpr_theory_create(const fastpr_problem *problem, fastpr_theory **theory);
/* values[0..FASTPR_THEORY_COUNT), in the order of FASTPR_THEORY_COUNT's comment; NaN where there is none. */
int32_t fastpr_theory_values(const fastpr_theory *theory, double *values, int64_t count);
/* Phase III: the predicted MSE at each of times[0..count) (each >= t0) from the finite state w (length d) at time t0. */
int32_t fastpr_theory_phase_three(const fastpr_theory *theory, const double *w, int64_t length, double t0, const double *times,
                                  double *mse, int64_t count);
int32_t fastpr_theory_free(fastpr_theory *theory);

#ifdef __cplusplus
}
#endif

#endif /* FASTPR_H */
