using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Attribution.Scan;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests;

public sealed class InfluenceScanKernelTests
{
    /// <summary>Odd shapes (partial row blocks, a padded column group, several queries) against a double reference.</summary>
    [Theory]
    [InlineData(1, 1, 2, 1)]
    [InlineData(37, 13, 3, 1)]
    [InlineData(100, 65, 10, 5)]
    [InlineData(1_000, 31, 2, 7)]
    public void Matches_a_double_reference_on_any_shape(int rows, int width, int classes, int queries)
    {
        var random = new Random(rows + width);
        var design = Enumerable.Range(0, rows * width).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var residuals = Enumerable.Range(0, rows * classes).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var scan = Enumerable.Range(0, queries).Select(_ => Enumerable.Range(0, classes * width).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var matrix = ScanMatrix.Pack(design, residuals, rows, width, classes);
        var panel = new ScanQueryPanel(scan, classes, width);

        var sequential = new float[queries * rows];
        InfluenceScanKernel.Score(matrix, panel, sequential);
        var parallel = new float[queries * rows];
        InfluenceScanKernel.ScoreParallel(matrix, panel, parallel, maxDegreeOfParallelism: 2);

        Assert.Equal(sequential, parallel); // blocks are independent: the same sums in the same order
        for (var b = 0; b < queries; b++)
        {
            for (var i = 0; i < rows; i++)
            {
                double expected = 0, magnitude = 0;
                for (var c = 0; c < classes; c++)
                {
                    double dot = 0;
                    for (var k = 0; k < width; k++) dot += scan[b][c * width + k] * design[i * width + k];
                    expected += residuals[i * classes + c] * dot;
                    magnitude += Math.Abs(residuals[i * classes + c]) * width;
                }
                Assert.True(Math.Abs(sequential[b * rows + i] - expected) <= 1e-5 * magnitude,
                    $"query {b} row {i}: {sequential[b * rows + i]} vs {expected}");
            }
        }
    }

    /// <summary>Half storage: each stored value rounds by ≤ 2⁻¹¹ relative, so a score moves by at most about
    /// 2⁻¹¹ of the sum of absolute products (plus float accumulation).</summary>
    [Fact]
    public void Half_storage_stays_within_its_rounding_bound_and_halves_the_design_bytes()
    {
        const int rows = 300, width = 65, classes = 10;
        var random = new Random(5);
        var design = Enumerable.Range(0, rows * width).Select(_ => (random.NextDouble() * 2 - 1) * 3).ToArray();
        var residuals = Enumerable.Range(0, rows * classes).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var scan = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, classes * width).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var single = ScanMatrix.Pack(design, residuals, rows, width, classes);
        var half = ScanMatrix.Pack(design, residuals, rows, width, classes, ScanPrecision.Half);
        var panel = new ScanQueryPanel(scan, classes, width);
        var halfScores = new float[3 * rows];
        InfluenceScanKernel.ScoreParallel(half, panel, halfScores, 2);

        for (var b = 0; b < 3; b++)
        {
            for (var i = 0; i < rows; i++)
            {
                double expected = 0, magnitude = 0;
                for (var c = 0; c < classes; c++)
                {
                    for (var k = 0; k < width; k++)
                    {
                        var product = residuals[i * classes + c] * scan[b][c * width + k] * design[i * width + k];
                        expected += product;
                        magnitude += Math.Abs(product);
                    }
                }
                Assert.True(Math.Abs(halfScores[b * rows + i] - expected) <= (Math.Pow(2, -11) + 1e-5) * magnitude, $"query {b} row {i}");
            }
        }
        Assert.Equal(ScanPrecision.Half, half.Precision);
        var designBytesSingle = single.Bytes - 4L * 304 * classes; // rows padded to 19 blocks of 16 = 304
        var designBytesHalf = half.Bytes - 4L * 304 * classes;
        Assert.Equal(designBytesSingle, 2 * designBytesHalf);
        Assert.Equal((float)(Half)design[7 * width + 3], half.DesignValue(7, 3));
    }

    [Fact]
    public void Chunks_of_blocks_give_the_same_scores_as_one_scan()
    {
        const int rows = 1_000, width = 9, classes = 3;
        var random = new Random(12);
        var design = Enumerable.Range(0, rows * width).Select(_ => random.NextDouble() - 0.5).ToArray();
        var residuals = Enumerable.Range(0, rows * classes).Select(_ => random.NextDouble() - 0.5).ToArray();
        var matrix = ScanMatrix.Pack(design, residuals, rows, width, classes);
        var panel = new ScanQueryPanel([.. Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, classes * width).Select(_ => random.NextDouble()).ToArray())], classes, width);
        var whole = new float[4 * rows];
        InfluenceScanKernel.Score(matrix, panel, whole);

        for (var first = 0; first < matrix.BlockCount; first += 7)
        {
            var blocks = Math.Min(7, matrix.BlockCount - first);
            var chunkRows = InfluenceScanKernel.ChunkRows(matrix, first, blocks);
            var chunk = new float[4 * chunkRows];
            InfluenceScanKernel.ScoreBlocksParallel(matrix, panel, first, blocks, chunk, maxDegreeOfParallelism: 2);
            for (var b = 0; b < 4; b++)
                Assert.Equal(whole.AsSpan(b * rows + first * 16, chunkRows).ToArray(), chunk.AsSpan(b * chunkRows, chunkRows).ToArray());
        }
        Assert.Equal(1_000 - 62 * 16, InfluenceScanKernel.ChunkRows(matrix, 62, 1)); // the partial last block
        Assert.Throws<ArgumentOutOfRangeException>(() => InfluenceScanKernel.ScoreBlocksParallel(matrix, panel, 60, 4, new float[4 * 64], 1));
    }

    /// <summary>More rows than one chunk of <see cref="InfluenceIndex.AttributePrepared"/>: the top-k spans chunks.</summary>
    [Fact]
    public void Top_k_over_several_chunks_matches_a_full_scan()
    {
        const int rows = 70_000;
        var random = new Random(3);
        var features = new double[rows * 3];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = random.Next(3);
            for (var k = 0; k < 3; k++) features[i * 3 + k] = random.NextDouble() + (k == labels[i] ? 0.7 : 0);
        }
        var train = new OpenLedger.Actors.Domain.Data.LabeledDataset(features, labels, 3, 3);
        var index = InfluenceIndex.Build(LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model, train);
        var query = index.Prepare([0.1, 0.9, 0.2], 1);
        var all = new double[rows];
        index.ScoreAll(query, all);
        var expected = all.Select((score, row) => new RowInfluence(row, score)).Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.RowIndex).Take(25).ToList();

        var top = index.AttributePrepared([query], topK: 25)[0].TopInfluences;

        Assert.Equal(expected, top);
        Assert.Contains(top, r => r.RowIndex >= InfluenceIndex.ChunkBlocks * 16); // not all from the first chunk
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        var matrix = ScanMatrix.Pack(new double[6], new double[4], 2, 3, 2);
        Assert.Throws<ArgumentException>(() => InfluenceScanKernel.Score(matrix, new ScanQueryPanel([new double[8]], 2, 4), new float[2]));
        Assert.Throws<ArgumentException>(() => InfluenceScanKernel.Score(matrix, new ScanQueryPanel([new double[6]], 2, 3), new float[1]));
        Assert.Throws<ArgumentException>(() => new ScanQueryPanel([new double[5]], 2, 3));
        Assert.Throws<ArgumentException>(() => ScanMatrix.Pack(new double[5], new double[4], 2, 3, 2));
    }

    /// <summary>The index keeps float rows: at most 1.1× the version matrix's raw elements (N·d doubles).</summary>
    [Fact]
    public void The_index_keeps_the_rows_in_less_than_1_1_times_their_raw_bytes()
    {
        var train = BundledData.Digits;
        var index = InfluenceIndex.Build(LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model, train);
        var rawBytes = (long)train.RowCount * train.Dimension * sizeof(double);
        Assert.True(index.RowBytes <= 1.1 * rawBytes, $"{index.RowBytes} bytes for {rawBytes} raw bytes");
        Assert.True(index.RowBytes < 0.65 * rawBytes); // float rows + residuals: (65 + 10)·4 / (64·8) ≈ 0.59
    }

    [Fact]
    public void A_batch_attributes_each_query_as_a_single_scan_does()
    {
        var (train, queries) = BundledData.Split(BundledData.Digits, 400, 9, seed: 4);
        var index = InfluenceIndex.Build(LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model, train);
        var batch = index.AttributeBatch(Enumerable.Range(0, queries.RowCount).Select(q => new AttributionQuery(queries.Row(q).ToArray(), q % 2 == 0 ? queries.Labels[q] : null)).ToList(), topK: 8);
        for (var q = 0; q < queries.RowCount; q++)
        {
            var single = index.Attribute(queries.Row(q), q % 2 == 0 ? queries.Labels[q] : null, topK: 8);
            Assert.Equal(single.TopInfluences, batch[q].TopInfluences);
            Assert.Equal(single.LossLabel, batch[q].LossLabel);
            Assert.Equal(single.Probabilities, batch[q].Probabilities);
        }
    }
}
