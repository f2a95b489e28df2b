namespace FastPR.Native;

/// <summary>What FastPR chose for MKL when it loaded it: the kernels (CPU dispatch) and the reproducibility (CNR) mode.</summary>
/// <param name="Dispatch">Which kernels run.</param>
/// <param name="DispatchNote">Why, in one sentence (e.g. why the fast path is off or unavailable).</param>
/// <param name="CnrRequested">The CNR mode FastPR set before MKL's first computation, or null when it left the mode to MKL.</param>
/// <param name="CnrNote">Where the CNR mode came from, in one sentence.</param>
public sealed record MklStartupReport(MklCpuDispatch Dispatch, string DispatchNote, MklCbwr? CnrRequested, string CnrNote);
