using System.Runtime.CompilerServices;
using FastPR.Core;

namespace FastPR.Tests.Engines;

public class CacheAlignedTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1000, 0)]
    [InlineData(1002, 2)]
    [InlineData(1003, 7)]
    [InlineData(4224, 128)]
    public unsafe void Allocate_PutsTheNamedElementOnACacheLine(int length, int alignedIndex)
    {
        for (int trial = 0; trial < 20; trial++) // fresh allocations land at different offsets
        {
            ArraySegment<double> buffer = CacheAligned.Allocate<double>(length, alignedIndex);
            Assert.Equal(length, buffer.Count);
            Assert.All(buffer, x => Assert.Equal(0.0, x));
            if (length == 0) continue;
            nint address = (nint)Unsafe.AsPointer(ref buffer.Array![buffer.Offset]) + (alignedIndex * sizeof(double));
            Assert.Equal(0, address % 64);
        }
    }

    [Fact]
    public unsafe void Allocate_AlignsFloatsToo()
    {
        ArraySegment<float> buffer = CacheAligned.Allocate<float>(100);
        Assert.Equal(0, (nint)Unsafe.AsPointer(ref buffer.Array![buffer.Offset]) % 64);
    }
}
