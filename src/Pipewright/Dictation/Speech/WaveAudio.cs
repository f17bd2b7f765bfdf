using System.Buffers.Binary;

namespace Pipewright.Dictation.Speech;

/// <summary>
/// The PCM inside a RIFF/WAVE file, as the browser recorder writes it (16 kHz, mono, 16-bit) and as Baidu and
/// whisper.cpp want it. Anything else (compressed WAV, 8-bit, a broken header) is not a WaveAudio.
/// </summary>
public sealed record WaveAudio(int SampleRate, int Channels, ReadOnlyMemory<byte> Pcm)
{
    public const int BitsPerSample = 16;

    public TimeSpan Duration => TimeSpan.FromSeconds(Pcm.Length / (double)(SampleRate * Channels * 2));

    public static WaveAudio? TryRead(ReadOnlyMemory<byte> file)
    {
        var bytes = file.Span;
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8)) return null;
        int? rate = null, channels = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (size < 0) return null;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > bytes.Length) return null;
                var format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body, 2));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2));
                // 1 is PCM; 0xFFFE (extensible) also carries plain PCM from some recorders.
                if (format is not (1 or 0xFFFE) || bits != BitsPerSample) return null;
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(body + 4, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is not { } r || channels is not (1 or 2) || r <= 0) return null;
                // A recorder that could not seek back writes a size of 0 or "to the end": take what is there.
                var length = size == 0 || body + (long)size > bytes.Length ? bytes.Length - body : size;
                length -= length % (2 * channels.Value);
                return new WaveAudio(r, channels.Value, file.Slice(body, length));
            }
            position = body + size + (size & 1);
        }
        return null;
    }

    /// <summary>Samples as floats in [-1, 1], channels mixed down to mono (whisper.cpp's input).</summary>
    public float[] MonoSamples()
    {
        var pcm = Pcm.Span;
        var frames = pcm.Length / (2 * Channels);
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0f;
            for (var c = 0; c < Channels; c++)
                sum += BinaryPrimitives.ReadInt16LittleEndian(pcm.Slice((i * Channels + c) * 2, 2)) / 32768f;
            samples[i] = sum / Channels;
        }
        return samples;
    }

    /// <summary>The PCM cut into pieces of at most <paramref name="seconds"/>, on frame boundaries.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Pieces(int seconds)
    {
        var size = SampleRate * Channels * 2 * seconds;
        for (var offset = 0; offset < Pcm.Length; offset += size)
            yield return Pcm.Slice(offset, Math.Min(size, Pcm.Length - offset));
    }

    /// <summary>A 16-bit PCM WAV file of these samples (tests and the recorder's format, written the same way).</summary>
    public static byte[] Write(int sampleRate, int channels, ReadOnlySpan<byte> pcm)
    {
        var file = new byte[44 + pcm.Length];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm.Length);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], BitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm.Length);
        pcm.CopyTo(span[44..]);
        return file;
    }
}
