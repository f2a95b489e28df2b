/*
 * MKL chooses its kernels by asking mkl_serv_intel_cpu_true() whether the CPU is Intel's; on any other vendor it runs
 * its generic kernels, whatever the CPU supports. FastPR loads this object with RTLD_GLOBAL before MKL's first dispatching
 * call, so this definition answers instead of MKL's own (see MklCpuDispatch.cs). It is built twice:
 * FASTPR_INTEL_CPU=1 gives AMD and other x86-64 CPUs the kernels their instruction set supports (the fast path);
 * FASTPR_INTEL_CPU=0 forces the generic kernels on any CPU (to reproduce what a non-Intel CPU gets without the fast path).
 * No libc is needed, so it links with -nostdlib.
 */
int mkl_serv_intel_cpu_true(void) { return FASTPR_INTEL_CPU; }
