using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace FastPR.Core;

/// <summary>
/// Everything needed to continue a <see cref="Simulator"/> run bit for bit: the full specification, the engine and source it
/// resolved to, and each member's position, state w, stream state and snapshots (plus the Phase III capture of GD and the flow).
/// <para>
/// <b>Format</b> (<see cref="ToBytes"/>): the 8 bytes "FPRCKPT1", the payload's length (int64, little-endian), the payload, and the
/// SHA-256 of everything before it. The payload is little-endian binary: the FastPR version (length-prefixed UTF-8), the spec field
/// by field (RunFields, by name), the resolved engine and source, the wall seconds so far, the labels, the capture, then each member. Doubles are stored as their bits.
/// </para>
/// </summary>
public sealed record SimulationCheckpoint
{
    internal SimulationCheckpoint(string fastprVersion, SimulationSpec spec, EngineKind engine, GaussianSourceKind gaussians, double wallSeconds,
        IReadOnlyList<SavedMember> members, SavedCapture? capture)
    {
        FastprVersion = fastprVersion;
        Spec = spec;
        Engine = engine;
        Gaussians = gaussians;
        WallSeconds = wallSeconds;
        Members = members;
        Capture = capture;
    }

    /// <summary>The FastPR version that wrote it; another version refuses to resume it.</summary>
    public string FastprVersion { get; init; }

    /// <summary>The run's specification as given (before "auto" was resolved).</summary>
    public SimulationSpec Spec { get; init; }

    /// <summary>The engine "auto" resolved to (SGD).</summary>
    public EngineKind Engine { get; init; }

    /// <summary>The Gaussian source "auto" resolved to (SGD).</summary>
    public GaussianSourceKind Gaussians { get; init; }

    /// <summary>Wall-clock seconds of running so far, over all sessions.</summary>
    public double WallSeconds { get; init; }

    /// <summary>
    /// What the caller keeps with the run, opaque to Core: the command line stores the run's identity ("run-id") and where the
    /// input vectors came from, so that a resume continues only its own run and keeps the inputs' provenance.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The time the run had reached: the least over its members (the logs' "resumed from t"). A running member is at its
    /// advancer's time or its last record, whichever is later (checkpoints of earlier builds kept no time for the steppers); a
    /// finished one at its last record; one not started at 0.
    /// </summary>
    public double Time => Members.Count == 0 ? 0 : Members.Min(m => m.Status switch
    {
        SavedMemberStatus.Running => Math.Max(m.Position.Advancer.Time, m.Position.LastFinite.Time),
        SavedMemberStatus.Finished when m.Snapshots.Length > 0 => m.Snapshots[^1].Time,
        _ => 0,
    });

    // Each member's saved state (one for GD and the flow) and the held Phase III state of a deterministic run: opaque to users.
    internal IReadOnlyList<SavedMember> Members { get; init; }

    internal SavedCapture? Capture { get; init; }

    private const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "FPRCKPT1"u8;
    private const int HashBytes = 32;

    /// <summary>The version of this FastPR build (the informational version of FastPR.Core).</summary>
    public static string CurrentVersion { get; } =
        typeof(SimulationCheckpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The checkpoint as bytes (see the format above).</summary>
    public byte[] ToBytes()
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(FastprVersion);
            WriteSpec(writer, Spec);
            writer.Write((int)Engine);
            writer.Write((int)Gaussians);
            writer.Write(WallSeconds);
            WriteLabels(writer, Labels);
            writer.Write(Capture is not null);
            if (Capture is not null)
            {
                writer.Write(Capture.Time);
                WriteDoubles(writer, Capture.State);
            }
            writer.Write(Members.Count);
            foreach (var member in Members) WriteMember(writer, member);
        }
        int length = checked((int)payload.Length);
        var bytes = new byte[Magic.Length + sizeof(long) + length + HashBytes];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(Magic.Length), length);
        payload.GetBuffer().AsSpan(0, length).CopyTo(bytes.AsSpan(Magic.Length + sizeof(long)));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashBytes), bytes.AsSpan(bytes.Length - HashBytes));
        return bytes;
    }

    /// <summary>
    /// Reads a checkpoint, checking in turn that it is one, that it is whole (length and SHA-256), and that this FastPR version
    /// wrote it. Each failure is a <see cref="CheckpointException"/> whose one-line message says which.
    /// </summary>
    public static SimulationCheckpoint FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new CheckpointException("not a FastPR checkpoint (wrong magic bytes).");
        if (bytes.Length < Magic.Length + sizeof(long) + HashBytes)
            throw new CheckpointException("the checkpoint is truncated.");
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes[Magic.Length..]);
        if (length < 0 || length != bytes.Length - Magic.Length - sizeof(long) - HashBytes)
            throw new CheckpointException($"the checkpoint is truncated or corrupted ({bytes.Length} bytes where its header announces {length} + {Magic.Length + sizeof(long) + HashBytes}).");
        Span<byte> hash = stackalloc byte[HashBytes];
        SHA256.HashData(bytes[..^HashBytes], hash);
        if (!hash.SequenceEqual(bytes[^HashBytes..]))
            throw new CheckpointException("the checkpoint is corrupted (SHA-256 checksum mismatch).");

        using var reader = new BinaryReader(new MemoryStream(bytes.Slice(Magic.Length + sizeof(long), (int)length).ToArray()), Encoding.UTF8);
        try
        {
            int format = reader.ReadInt32();
            if (format != FormatVersion) throw new CheckpointException($"checkpoint format {format} is not supported (this FastPR reads format {FormatVersion}).");
            string version = reader.ReadString();
            if (version != CurrentVersion)
                throw new CheckpointException($"the checkpoint was written by FastPR {version}; this is FastPR {CurrentVersion}, which may compute differently.");
            var spec = ReadSpec(reader);
            var engine = (EngineKind)reader.ReadInt32();
            var gaussians = (GaussianSourceKind)reader.ReadInt32();
            double wall = reader.ReadDouble();
            var labels = ReadLabels(reader);
            SavedCapture? capture = reader.ReadBoolean() ? new SavedCapture(reader.ReadDouble(), ReadDoubles(reader)) : null;
            int count = reader.ReadInt32();
            if (count != spec.Seeds) throw new CheckpointException($"the checkpoint holds {count} members for {spec.Seeds} seeds.");
            var members = new SavedMember[count];
            for (int m = 0; m < count; m++) members[m] = ReadMember(reader, spec.Problem.Dimension);
            if (reader.BaseStream.Position != reader.BaseStream.Length) throw new CheckpointException("the checkpoint has trailing bytes.");
            return new SimulationCheckpoint(version, spec, engine, gaussians, wall, members, capture) { Labels = labels };
        }
        catch (EndOfStreamException)
        {
            throw new CheckpointException("the checkpoint ends early.");
        }
    }

    /// <summary>
    /// Null when <paramref name="spec"/> describes the same run as <see cref="Spec"/> (the thread count may differ: it does not
    /// change results); otherwise one line naming the first field that differs (<see cref="RunFields.Mismatch"/>).
    /// </summary>
    public string? Mismatch(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return RunFields.Mismatch(Spec, spec);
    }

    // The spec as (name, value) pairs in RunFields order, so every field of the run's definition is saved and none by hand.
    private static void WriteSpec(BinaryWriter writer, SimulationSpec spec)
    {
        writer.Write(RunFields.All.Count);
        foreach (var field in RunFields.All)
        {
            writer.Write(field.Name);
            if (field.Type == RunFieldType.Vector)
            {
                WriteVector(writer, field.Vector(spec));
                continue;
            }
            string? text = field.Format(spec);
            writer.Write(text is not null);
            if (text is not null) writer.Write(text);
        }
    }

    private static void WriteLabels(BinaryWriter writer, IReadOnlyDictionary<string, string> labels)
    {
        writer.Write(labels.Count);
        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static Dictionary<string, string> ReadLabels(BinaryReader reader)
    {
        int count = ReadCount(reader);
        var labels = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++) labels[reader.ReadString()] = reader.ReadString();
        return labels;
    }

    // The given eigenvalues, teacher and w(0) are part of the problem: a resumed run must not silently draw them instead.
    private static void WriteVector(BinaryWriter writer, double[]? values)
    {
        writer.Write(values is not null);
        if (values is null) return;
        writer.Write(values.Length);
        foreach (double v in values) writer.Write(v);
    }

    private static double[]? ReadVector(BinaryReader reader)
    {
        if (!reader.ReadBoolean()) return null;
        int length = reader.ReadInt32();
        if (length < 0 || length > (reader.BaseStream.Length - reader.BaseStream.Position) / sizeof(double))
            throw new CheckpointException("the checkpoint's specification is truncated.");
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = reader.ReadDouble();
        return values;
    }

    private static SimulationSpec ReadSpec(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count != RunFields.All.Count)
            throw new CheckpointException($"the checkpoint's specification has {count} fields where this FastPR has {RunFields.All.Count}.");
        var spec = SimulationSpec.Default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var field = RunFields.Find(name) ?? throw new CheckpointException($"the checkpoint's specification has the unknown field '{name}'.");
            if (!seen.Add(name)) throw new CheckpointException($"the checkpoint's specification has the field '{name}' twice.");
            try
            {
                if (field.Type == RunFieldType.Vector) spec = field.WithVector(spec, ReadVector(reader));
                else if (reader.ReadBoolean()) spec = field.With(spec, reader.ReadString());
                else if (field.Optional) spec = ClearOptional(field, spec);
                else throw new CheckpointException($"the checkpoint's specification leaves '{name}' unset.");
            }
            catch (RunFieldException ex)
            {
                throw new CheckpointException($"the checkpoint's specification has a bad {name} ({ex.Message}).");
            }
        }
        try
        {
            spec.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CheckpointException($"the checkpoint's specification is invalid ({ex.ParamName}).");
        }
        return spec;
    }

    // The defaults leave every optional field unset already; kept explicit so a field with a non-null default would be cleared too.
    private static SimulationSpec ClearOptional(RunField field, SimulationSpec spec) => field.Format(spec) is null ? spec
        : throw new CheckpointException($"the checkpoint's specification cannot unset '{field.Name}'.");

    private static T? Skip<T>(T _) where T : struct => null;

    private static void WriteMember(BinaryWriter writer, SavedMember member)
    {
        writer.Write((int)member.Status);
        var position = member.Position;
        writer.Write(position.RecordsDone);
        var a = position.Advancer;
        writer.Write(a.Step);
        writer.Write(a.Time);
        writer.Write(a.Stretch);
        writer.Write(a.Leaps);
        writer.Write(a.S);
        writer.Write(a.U);
        writer.Write(a.S2);
        writer.Write(a.U2);
        WriteSnapshot(writer, position.LastFinite);
        WriteDoubles(writer, member.W);
        writer.Write(member.StepperState.Length);
        writer.Write(member.StepperState);
        writer.Write(member.Snapshots.Length);
        foreach (var snapshot in member.Snapshots) WriteSnapshot(writer, snapshot);
        var result = member.Result;
        writer.Write((int)result.Status);
        writer.Write(result.StepsCompleted);
        writer.Write(result.DivergedAtStep.HasValue);
        writer.Write(result.DivergedAtStep ?? 0);
        WriteSnapshot(writer, result.LastFinite);
    }

    private static SavedMember ReadMember(BinaryReader reader, int dimension)
    {
        var status = (SavedMemberStatus)reader.ReadInt32();
        if (!Enum.IsDefined(status)) throw new CheckpointException($"the checkpoint has a member of unknown status {(int)status}.");
        int done = reader.ReadInt32();
        var advancer = new AdvancerState(reader.ReadInt64(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt64(),
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        var position = new RunPosition(done, advancer, ReadSnapshot(reader));
        double[] w = ReadDoubles(reader);
        if (status == SavedMemberStatus.Running && w.Length != dimension)
            throw new CheckpointException($"the checkpoint holds a state of dimension {w.Length} for d = {dimension}.");
        byte[] stepper = reader.ReadBytes(ReadCount(reader));
        var snapshots = new Snapshot[ReadCount(reader)];
        for (int i = 0; i < snapshots.Length; i++) snapshots[i] = ReadSnapshot(reader);
        var runStatus = (RunStatus)reader.ReadInt32();
        long steps = reader.ReadInt64();
        long? diverged = reader.ReadBoolean() ? reader.ReadInt64() : Skip(reader.ReadInt64());
        var result = new RunResult(runStatus, steps, diverged, ReadSnapshot(reader));
        return new SavedMember(status, position, w, stepper, snapshots, result);
    }

    private static void WriteSnapshot(BinaryWriter writer, in Snapshot s)
    {
        writer.Write(s.Time);
        writer.Write(s.Step);
        writer.Write(s.S);
        writer.Write(s.U);
        writer.Write(s.Loss);
        writer.Write(s.Mse);
        writer.Write(s.OneMinusAbsU);
        writer.Write(s.S2);
        writer.Write(s.U2);
    }

    private static Snapshot ReadSnapshot(BinaryReader reader) =>
        new(reader.ReadDouble(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());

    private static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (double value in values) writer.Write(value);
    }

    private static double[] ReadDoubles(BinaryReader reader)
    {
        var values = new double[ReadCount(reader)];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        return values;
    }

    private static int ReadCount(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new CheckpointException("the checkpoint holds an impossible length.");
        return count;
    }
}
