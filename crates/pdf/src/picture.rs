//! Photos in a document: decoded once, scaled down to what a printed page can show.

use image::{imageops::FilterType, DynamicImage, ImageDecoder, ImageReader};
use std::io::Cursor;

/// The longest side a photo keeps: about 200 dpi across the width of an A4 text block.
const MAX_SIDE: u32 = 1400;

/// A photo ready to place, RGB with 8 bits per channel, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The line printed under it.
    pub caption: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Its pixels, three bytes each, row by row from the top.
    pub rgb: Vec<u8>,
}

impl Picture {
    /// Decodes a JPEG or PNG, turned as the camera's EXIF orientation says (a phone held upright
    /// stores its photo sideways); the error says, in Chinese, why a file cannot be shown.
    pub fn decode(bytes: &[u8], caption: &str) -> Result<Picture, String> {
        let unreadable = |e: image::ImageError| format!("图片无法读取（只支持 JPG、PNG）：{e}");
        let mut decoder = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("图片无法读取：{e}"))?
            .into_decoder()
            .map_err(unreadable)?;
        let orientation = decoder.orientation().ok();
        let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
        if let Some(o) = orientation {
            image.apply_orientation(o);
        }
        let image = if image.width().max(image.height()) > MAX_SIDE {
            image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
        } else {
            image
        };
        let rgb = image.to_rgb8();
        Ok(Picture {
            caption: caption.to_owned(),
            width: rgb.width(),
            height: rgb.height(),
            rgb: rgb.into_raw(),
        })
    }
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Result<Vec<u8>, image::ImageError> {
        let mut out = Vec::new();
        image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]))
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)?;
        Ok(out)
    }

    #[test]
    fn large_photos_are_scaled_down_keeping_their_shape() -> Result<(), Box<dyn std::error::Error>>
    {
        let p = Picture::decode(&png(2800, 1400)?, "东侧外墙")?;
        assert_eq!((p.width, p.height), (1400, 700));
        assert_eq!(p.rgb.len(), 1400 * 700 * 3);
        let small = Picture::decode(&png(300, 200)?, "")?;
        assert_eq!((small.width, small.height), (300, 200));
        Ok(())
    }

    #[test]
    fn a_photo_is_turned_as_its_exif_orientation_says() -> Result<(), Box<dyn std::error::Error>> {
        let mut jpeg = Vec::new();
        image::RgbImage::from_pixel(300, 200, image::Rgb([90, 90, 90]))
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)?;
        // An APP1 Exif segment right after SOI: one IFD entry, Orientation (0x0112) = 6, "rotate
        // 90° clockwise to view".
        let exif: &[u8] =
            b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
        let length = u16::try_from(exif.len() + 2)?.to_be_bytes();
        let tagged: Vec<u8> = [&jpeg[..2], &[0xFF, 0xE1], &length, exif, &jpeg[2..]].concat();
        let p = Picture::decode(&tagged, "")?;
        assert_eq!((p.width, p.height), (200, 300));
        Ok(())
    }

    #[test]
    fn what_is_not_a_photo_is_refused_in_chinese() {
        let e = Picture::decode(b"%PDF-1.7 not an image", "").unwrap_err();
        assert!(e.starts_with("图片无法读取"), "{e}");
    }
}
