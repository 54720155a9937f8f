//! Photos in a document: decoded once, scaled down to what a printed page can show.

use image::{imageops::FilterType, ImageReader};
use std::io::Cursor;

/// The longest side a photo keeps: about 200 dpi across the width of an A4 text block.
const MAX_SIDE: u32 = 1400;

/// A photo ready to place, RGB with 8 bits per channel, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub caption: String,
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

impl Picture {
    /// Decodes a JPEG or PNG; the error says, in Chinese, why a file cannot be shown.
    pub fn decode(bytes: &[u8], caption: &str) -> Result<Picture, String> {
        let image = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("图片无法读取：{e}"))?
            .decode()
            .map_err(|e| format!("图片无法读取（只支持 JPG、PNG）：{e}"))?;
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
    fn what_is_not_a_photo_is_refused_in_chinese() {
        let e = Picture::decode(b"%PDF-1.7 not an image", "").unwrap_err();
        assert!(e.starts_with("图片无法读取"), "{e}");
    }
}
