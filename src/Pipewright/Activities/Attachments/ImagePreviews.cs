using SkiaSharp;

namespace Pipewright.Activities.Attachments;

/// <summary>
/// A display copy of a photo: upright (EXIF orientation applied), at most <c>maxSide</c> pixels on its long
/// side, JPEG. Phones send 4–12 MB photos that a timeline on mobile data should not load.
/// </summary>
public static class ImagePreviews
{
    /// <summary>Beyond this a decoded image costs more memory than a preview is worth (and may be a bomb).</summary>
    private const long MaxPixels = 60_000_000;

    /// <summary>Writes the preview and says whether it could: formats Skia cannot decode here (HEIC) get none.</summary>
    public static bool TryWrite(string source, string target, int maxSide)
    {
        using var codec = SKCodec.Create(source);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels) return false;
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null) return false;

        var scale = Math.Min(1.0, (double)maxSide / Math.Max(bitmap.Width, bitmap.Height));
        var (w, h) = (Math.Max(1, (int)Math.Round(bitmap.Width * scale)), Math.Max(1, (int)Math.Round(bitmap.Height * scale)));
        var origin = codec.EncodedOrigin;
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var info = new SKImageInfo(turned ? h : w, turned ? w : h, SKColorType.Rgba8888, SKAlphaType.Premul);

        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // transparent PNG areas would turn black in a JPEG
        Orient(canvas, origin, w, h);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 82);
        using var output = File.Create(target);
        data.SaveTo(output);
        return true;
    }

    /// <summary>Maps the stored pixels (w × h after scaling) to the upright picture the camera meant.</summary>
    private static void Orient(SKCanvas canvas, SKEncodedOrigin origin, int w, int h)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(h, w); canvas.RotateDegrees(90); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(270); break;
        }
    }
}
