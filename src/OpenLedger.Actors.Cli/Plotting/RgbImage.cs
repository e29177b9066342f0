namespace OpenLedger.Actors.Cli.Plotting;

/// <summary>An 8-bit RGB raster with the few drawing primitives the plots need.</summary>
internal sealed class RgbImage
{
    public RgbImage(int width, int height, (byte R, byte G, byte B) background)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        FillRectangle(0, 0, width, height, background);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major RGB triples, top row first.</summary>
    public byte[] Pixels { get; }

    public void Set(int x, int y, (byte R, byte G, byte B) color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return; // clipped
        var at = (y * Width + x) * 3;
        Pixels[at] = color.R;
        Pixels[at + 1] = color.G;
        Pixels[at + 2] = color.B;
    }

    public (byte R, byte G, byte B) Get(int x, int y)
    {
        var at = (y * Width + x) * 3;
        return (Pixels[at], Pixels[at + 1], Pixels[at + 2]);
    }

    public void FillRectangle(int x, int y, int width, int height, (byte R, byte G, byte B) color)
    {
        for (var yy = y; yy < y + height; yy++)
        {
            for (var xx = x; xx < x + width; xx++) Set(xx, yy, color);
        }
    }

    /// <summary>A one-pixel line (Bresenham).</summary>
    public void Line(int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            Set(x0, y0, color);
            if (x0 == x1 && y0 == y1) return;
            var e2 = 2 * error;
            if (e2 >= dy) { error += dy; x0 += sx; }
            if (e2 <= dx) { error += dx; y0 += sy; }
        }
    }

    /// <summary>A filled disc of the given radius.</summary>
    public void Dot(int cx, int cy, int radius, (byte R, byte G, byte B) color)
    {
        for (var y = -radius; y <= radius; y++)
        {
            for (var x = -radius; x <= radius; x++)
            {
                if (x * x + y * y <= radius * radius) Set(cx + x, cy + y, color);
            }
        }
    }

    /// <summary>Text in the built-in 5×7 font, scaled by <paramref name="scale"/>; returns the width drawn.</summary>
    public int Text(int x, int y, string text, (byte R, byte G, byte B) color, int scale = 1)
    {
        var cursor = x;
        foreach (var character in text)
        {
            var glyph = BitmapFont.Glyph(character);
            for (var row = 0; row < BitmapFont.Height; row++)
            {
                for (var column = 0; column < BitmapFont.Width; column++)
                {
                    if ((glyph[row] >> (BitmapFont.Width - 1 - column) & 1) != 0)
                        FillRectangle(cursor + column * scale, y + row * scale, scale, scale, color);
                }
            }
            cursor += (BitmapFont.Width + 1) * scale;
        }
        return cursor - x;
    }

    public static int TextWidth(string text, int scale = 1) => text.Length * (BitmapFont.Width + 1) * scale;
}
