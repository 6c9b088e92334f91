/* Locale-free text handling; see text.h. */
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

struct range {
    uint32_t lo, hi;
};

/* Both tables follow glibc's wcwidth, which ncurses and most terminals use, so columns line up on screen.
 * Unicode 14.0.0, as glibc 2.36 (Debian 12). Made, with the folding table below, by tools/gen_text_tables.py
 * from Debian python3's Unicode database (`--check` compares them with this file; the cli suite runs it).
 * zero_width: general category Mn, Me and Cf, without U+00AD and the prepended
 * concatenation marks (which are visible), plus the conjoining Hangul vowels/finals. Unassigned code
 * points between two ranges are merged in to keep the table small; they never occur in real names. */
static const struct range zero_width[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF},   {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},   {0x061C, 0x061C},   {0x064B, 0x065F},
    {0x0670, 0x0670},   {0x06D6, 0x06DC},   {0x06DF, 0x06E4},   {0x06E7, 0x06E8},   {0x06EA, 0x06ED},
    {0x0711, 0x0711},   {0x0730, 0x074A},   {0x07A6, 0x07B0},   {0x07EB, 0x07F3},   {0x07FD, 0x07FD},
    {0x0816, 0x0819},   {0x081B, 0x0823},   {0x0825, 0x0827},   {0x0829, 0x082D},   {0x0859, 0x085B},
    {0x0898, 0x089F},   {0x08CA, 0x08E1},   {0x08E3, 0x0902},   {0x093A, 0x093A},   {0x093C, 0x093C},
    {0x0941, 0x0948},   {0x094D, 0x094D},   {0x0951, 0x0957},   {0x0962, 0x0963},   {0x0981, 0x0981},
    {0x09BC, 0x09BC},   {0x09C1, 0x09C4},   {0x09CD, 0x09CD},   {0x09E2, 0x09E3},   {0x09FE, 0x0A02},
    {0x0A3C, 0x0A3C},   {0x0A41, 0x0A51},   {0x0A70, 0x0A71},   {0x0A75, 0x0A75},   {0x0A81, 0x0A82},
    {0x0ABC, 0x0ABC},   {0x0AC1, 0x0AC8},   {0x0ACD, 0x0ACD},   {0x0AE2, 0x0AE3},   {0x0AFA, 0x0B01},
    {0x0B3C, 0x0B3C},   {0x0B3F, 0x0B3F},   {0x0B41, 0x0B44},   {0x0B4D, 0x0B56},   {0x0B62, 0x0B63},
    {0x0B82, 0x0B82},   {0x0BC0, 0x0BC0},   {0x0BCD, 0x0BCD},   {0x0C00, 0x0C00},   {0x0C04, 0x0C04},
    {0x0C3C, 0x0C3C},   {0x0C3E, 0x0C40},   {0x0C46, 0x0C56},   {0x0C62, 0x0C63},   {0x0C81, 0x0C81},
    {0x0CBC, 0x0CBC},   {0x0CBF, 0x0CBF},   {0x0CC6, 0x0CC6},   {0x0CCC, 0x0CCD},   {0x0CE2, 0x0CE3},
    {0x0D00, 0x0D01},   {0x0D3B, 0x0D3C},   {0x0D41, 0x0D44},   {0x0D4D, 0x0D4D},   {0x0D62, 0x0D63},
    {0x0D81, 0x0D81},   {0x0DCA, 0x0DCA},   {0x0DD2, 0x0DD6},   {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},
    {0x0E47, 0x0E4E},   {0x0EB1, 0x0EB1},   {0x0EB4, 0x0EBC},   {0x0EC8, 0x0ECD},   {0x0F18, 0x0F19},
    {0x0F35, 0x0F35},   {0x0F37, 0x0F37},   {0x0F39, 0x0F39},   {0x0F71, 0x0F7E},   {0x0F80, 0x0F84},
    {0x0F86, 0x0F87},   {0x0F8D, 0x0FBC},   {0x0FC6, 0x0FC6},   {0x102D, 0x1030},   {0x1032, 0x1037},
    {0x1039, 0x103A},   {0x103D, 0x103E},   {0x1058, 0x1059},   {0x105E, 0x1060},   {0x1071, 0x1074},
    {0x1082, 0x1082},   {0x1085, 0x1086},   {0x108D, 0x108D},   {0x109D, 0x109D},   {0x1160, 0x11FF},
    {0x135D, 0x135F},   {0x1712, 0x1714},   {0x1732, 0x1733},   {0x1752, 0x1753},   {0x1772, 0x1773},
    {0x17B4, 0x17B5},   {0x17B7, 0x17BD},   {0x17C6, 0x17C6},   {0x17C9, 0x17D3},   {0x17DD, 0x17DD},
    {0x180B, 0x180F},   {0x1885, 0x1886},   {0x18A9, 0x18A9},   {0x1920, 0x1922},   {0x1927, 0x1928},
    {0x1932, 0x1932},   {0x1939, 0x193B},   {0x1A17, 0x1A18},   {0x1A1B, 0x1A1B},   {0x1A56, 0x1A56},
    {0x1A58, 0x1A60},   {0x1A62, 0x1A62},   {0x1A65, 0x1A6C},   {0x1A73, 0x1A7F},   {0x1AB0, 0x1B03},
    {0x1B34, 0x1B34},   {0x1B36, 0x1B3A},   {0x1B3C, 0x1B3C},   {0x1B42, 0x1B42},   {0x1B6B, 0x1B73},
    {0x1B80, 0x1B81},   {0x1BA2, 0x1BA5},   {0x1BA8, 0x1BA9},   {0x1BAB, 0x1BAD},   {0x1BE6, 0x1BE6},
    {0x1BE8, 0x1BE9},   {0x1BED, 0x1BED},   {0x1BEF, 0x1BF1},   {0x1C2C, 0x1C33},   {0x1C36, 0x1C37},
    {0x1CD0, 0x1CD2},   {0x1CD4, 0x1CE0},   {0x1CE2, 0x1CE8},   {0x1CED, 0x1CED},   {0x1CF4, 0x1CF4},
    {0x1CF8, 0x1CF9},   {0x1DC0, 0x1DFF},   {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x206F},
    {0x20D0, 0x20F0},   {0x2CEF, 0x2CF1},   {0x2D7F, 0x2D7F},   {0x2DE0, 0x2DFF},   {0x302A, 0x302D},
    {0x3099, 0x309A},   {0xA66F, 0xA672},   {0xA674, 0xA67D},   {0xA69E, 0xA69F},   {0xA6F0, 0xA6F1},
    {0xA802, 0xA802},   {0xA806, 0xA806},   {0xA80B, 0xA80B},   {0xA825, 0xA826},   {0xA82C, 0xA82C},
    {0xA8C4, 0xA8C5},   {0xA8E0, 0xA8F1},   {0xA8FF, 0xA8FF},   {0xA926, 0xA92D},   {0xA947, 0xA951},
    {0xA980, 0xA982},   {0xA9B3, 0xA9B3},   {0xA9B6, 0xA9B9},   {0xA9BC, 0xA9BD},   {0xA9E5, 0xA9E5},
    {0xAA29, 0xAA2E},   {0xAA31, 0xAA32},   {0xAA35, 0xAA36},   {0xAA43, 0xAA43},   {0xAA4C, 0xAA4C},
    {0xAA7C, 0xAA7C},   {0xAAB0, 0xAAB0},   {0xAAB2, 0xAAB4},   {0xAAB7, 0xAAB8},   {0xAABE, 0xAABF},
    {0xAAC1, 0xAAC1},   {0xAAEC, 0xAAED},   {0xAAF6, 0xAAF6},   {0xABE5, 0xABE5},   {0xABE8, 0xABE8},
    {0xABED, 0xABED},   {0xD7B0, 0xD7FF},   {0xFB1E, 0xFB1E},   {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x101FD, 0x101FD}, {0x102E0, 0x102E0}, {0x10376, 0x1037A},
    {0x10A01, 0x10A0F}, {0x10A38, 0x10A3F}, {0x10AE5, 0x10AE6}, {0x10D24, 0x10D27}, {0x10EAB, 0x10EAC},
    {0x10F46, 0x10F50}, {0x10F82, 0x10F85}, {0x11001, 0x11001}, {0x11038, 0x11046}, {0x11070, 0x11070},
    {0x11073, 0x11074}, {0x1107F, 0x11081}, {0x110B3, 0x110B6}, {0x110B9, 0x110BA}, {0x110C2, 0x110C2},
    {0x11100, 0x11102}, {0x11127, 0x1112B}, {0x1112D, 0x11134}, {0x11173, 0x11173}, {0x11180, 0x11181},
    {0x111B6, 0x111BE}, {0x111C9, 0x111CC}, {0x111CF, 0x111CF}, {0x1122F, 0x11231}, {0x11234, 0x11234},
    {0x11236, 0x11237}, {0x1123E, 0x1123E}, {0x112DF, 0x112DF}, {0x112E3, 0x112EA}, {0x11300, 0x11301},
    {0x1133B, 0x1133C}, {0x11340, 0x11340}, {0x11366, 0x11374}, {0x11438, 0x1143F}, {0x11442, 0x11444},
    {0x11446, 0x11446}, {0x1145E, 0x1145E}, {0x114B3, 0x114B8}, {0x114BA, 0x114BA}, {0x114BF, 0x114C0},
    {0x114C2, 0x114C3}, {0x115B2, 0x115B5}, {0x115BC, 0x115BD}, {0x115BF, 0x115C0}, {0x115DC, 0x115DD},
    {0x11633, 0x1163A}, {0x1163D, 0x1163D}, {0x1163F, 0x11640}, {0x116AB, 0x116AB}, {0x116AD, 0x116AD},
    {0x116B0, 0x116B5}, {0x116B7, 0x116B7}, {0x1171D, 0x1171F}, {0x11722, 0x11725}, {0x11727, 0x1172B},
    {0x1182F, 0x11837}, {0x11839, 0x1183A}, {0x1193B, 0x1193C}, {0x1193E, 0x1193E}, {0x11943, 0x11943},
    {0x119D4, 0x119DB}, {0x119E0, 0x119E0}, {0x11A01, 0x11A0A}, {0x11A33, 0x11A38}, {0x11A3B, 0x11A3E},
    {0x11A47, 0x11A47}, {0x11A51, 0x11A56}, {0x11A59, 0x11A5B}, {0x11A8A, 0x11A96}, {0x11A98, 0x11A99},
    {0x11C30, 0x11C3D}, {0x11C3F, 0x11C3F}, {0x11C92, 0x11CA7}, {0x11CAA, 0x11CB0}, {0x11CB2, 0x11CB3},
    {0x11CB5, 0x11CB6}, {0x11D31, 0x11D45}, {0x11D47, 0x11D47}, {0x11D90, 0x11D91}, {0x11D95, 0x11D95},
    {0x11D97, 0x11D97}, {0x11EF3, 0x11EF4}, {0x13430, 0x13438}, {0x16AF0, 0x16AF4}, {0x16B30, 0x16B36},
    {0x16F4F, 0x16F4F}, {0x16F8F, 0x16F92}, {0x16FE4, 0x16FE4}, {0x1BC9D, 0x1BC9E}, {0x1BCA0, 0x1CF46},
    {0x1D167, 0x1D169}, {0x1D173, 0x1D182}, {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244},
    {0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C}, {0x1DA75, 0x1DA75}, {0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DAAF},
    {0x1E000, 0x1E02A}, {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF}, {0x1E8D0, 0x1E8D6},
    {0x1E944, 0x1E94A}, {0xE0001, 0xE01EF},
};

/* East Asian Width W or F (Unicode 14.0.0) and, as glibc has them, U+3248-324F and U+4DC0-4DFF; plus the
 * unassigned code points of the CJK ideograph blocks and of the emoji blocks 1F300-1F64F, 1F900-1F9FF and
 * 1FA70-1FAFF, so emoji newer than this table still take two columns. */
static const struct range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x3029},   {0x302E, 0x303E},   {0x3041, 0x3096},   {0x309B, 0xA4C6},   {0xA960, 0xA97C},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6B},   {0xFF01, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE3}, {0x16FF0, 0x1B2FB}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
    {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
    {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
    {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC},
    {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x3FFFD},
};

/* Latin letters with diacritics (Latin-1 Supplement, Latin Extended-A, ș/ț) and their ASCII base
 * (tools/gen_text_tables.py). */
struct fold {
    uint16_t lo, hi;
    const char *to;
};

static const struct fold folds[] = {
    {0x00C0, 0x00C5, "a"},  {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"},  {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"},  {0x00D0, 0x00D0, "d"},  {0x00D1, 0x00D1, "n"},  {0x00D2, 0x00D6, "o"},
    {0x00D8, 0x00D8, "o"},  {0x00D9, 0x00DC, "u"},  {0x00DD, 0x00DD, "y"},  {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"}, {0x00E0, 0x00E5, "a"},  {0x00E6, 0x00E6, "ae"}, {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"},  {0x00EC, 0x00EF, "i"},  {0x00F0, 0x00F0, "d"},  {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"},  {0x00F8, 0x00F8, "o"},  {0x00F9, 0x00FC, "u"},  {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"}, {0x00FF, 0x00FF, "y"},  {0x0100, 0x0105, "a"},  {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"},  {0x0112, 0x011B, "e"},  {0x011C, 0x0123, "g"},  {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"},  {0x0132, 0x0133, "ij"}, {0x0134, 0x0135, "j"},  {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"},  {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"},  {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"},  {0x015A, 0x0161, "s"},  {0x0162, 0x0167, "t"},  {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"},  {0x0176, 0x0178, "y"},  {0x0179, 0x017E, "z"},  {0x017F, 0x017F, "s"},
    {0x0218, 0x0219, "s"},  {0x021A, 0x021B, "t"},
};

static bool in_ranges(uint32_t cp, const struct range *t, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < t[mid].lo)
            hi = mid;
        else if (cp > t[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* ---- UTF-8 ---- */

int text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    *cp = TEXT_REPLACEMENT;
    if (len == 0)
        return 0;
    unsigned b = p[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    /* The allowed range of the second byte is what rules out overlongs, surrogates and > U+10FFFF. */
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
        v = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        v = b & 0x0F;
        lo = b == 0xE0 ? 0xA0 : 0x80;
        hi = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        v = b & 0x07;
        lo = b == 0xF0 ? 0x90 : 0x80;
        hi = b == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 1;
    }
    if (len < n || p[1] < lo || p[1] > hi)
        return 1;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 1;
        v = v << 6 | (p[i] & 0x3F);
    }
    *cp = v;
    return (int)n;
}

int text_utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = TEXT_REPLACEMENT;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- reading and bounded writing ---- */

struct reader {
    const char *p, *end;
};

static struct reader reader_of(const char *s)
{
    if (!s)
        s = "";
    return (struct reader){s, s + strlen(s)};
}

static bool next_cp(struct reader *r, uint32_t *cp)
{
    int n = text_utf8_decode(r->p, (size_t)(r->end - r->p), cp);
    r->p += n;
    return n > 0;
}

/* Once something did not fit, nothing more is written: a later, shorter piece would otherwise appear
 * with a gap before it. */
struct writer {
    char *out;
    size_t len, cap;
    bool full;
};

static struct writer writer_of(char *out, size_t outlen)
{
    if (outlen > 0)
        out[0] = '\0';
    return (struct writer){out, 0, outlen, outlen == 0};
}

/* Writes all n bytes or none, keeping room for the NUL. */
static bool put_bytes(struct writer *w, const char *b, size_t n)
{
    if (w->full || n >= w->cap - w->len) {
        w->full = true;
        return false;
    }
    memcpy(w->out + w->len, b, n);
    w->len += n;
    w->out[w->len] = '\0';
    return true;
}

static bool put_cp(struct writer *w, uint32_t cp)
{
    char b[4];
    return put_bytes(w, b, (size_t)text_utf8_encode(cp, b));
}

/* ---- display ---- */

bool text_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static uint32_t safe_cp(uint32_t cp) { return text_is_control(cp) ? TEXT_REPLACEMENT : cp; }

int text_cp_width(uint32_t cp)
{
    if (text_is_control(cp) || cp > 0x10FFFF)
        return 1;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
        return 2;
    return 1;
}

static size_t sanitize(const char *s, bool keep_newlines, char *out, size_t outlen)
{
    struct reader r = reader_of(s);
    struct writer w = writer_of(out, outlen);
    uint32_t cp;
    while (next_cp(&r, &cp) && put_cp(&w, keep_newlines && cp == '\n' ? cp : safe_cp(cp)))
        ;
    return w.len;
}

size_t text_sanitize(const char *s, char *out, size_t outlen) { return sanitize(s, false, out, outlen); }

size_t text_sanitize_lines(const char *s, char *out, size_t outlen) { return sanitize(s, true, out, outlen); }

char *text_sanitize_dup(const char *s, bool keep_newlines)
{
    size_t cap = strlen(s ? s : "") * 3 + 1; /* each bad byte may grow to U+FFFD's three bytes */
    char *out = malloc(cap);
    if (out)
        sanitize(s, keep_newlines, out, cap);
    return out;
}

int text_width(const char *s)
{
    struct reader r = reader_of(s);
    uint32_t cp;
    int cols = 0;
    while (next_cp(&r, &cp))
        cols += text_cp_width(safe_cp(cp));
    return cols;
}

/* Columns of bytes [p, end) after sanitising. */
static int span_width(const char *p, const char *end)
{
    struct reader r = {p, end};
    uint32_t cp;
    int cols = 0;
    while (next_cp(&r, &cp))
        cols += text_cp_width(safe_cp(cp));
    return cols;
}

/* Where a word wider than width must break: the end of the code points that fit (at least one). */
static const char *fit_end(const char *p, const char *end, int width)
{
    struct reader r = {p, end};
    uint32_t cp;
    int cols = 0;
    const char *last = p;
    while (r.p < end) {
        const char *at = r.p;
        next_cp(&r, &cp);
        cols += text_cp_width(safe_cp(cp));
        if (cols > width && at > p)
            return at;
        last = r.p;
    }
    return last;
}

int text_wrap(const char *s, int width, struct text_line *lines, int max)
{
    if (!s)
        s = "";
    if (width < 1)
        width = 1;
    int n = 0;
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *para_end = nl ? nl : end;
        while (*p == ' ' && p < para_end) /* a paragraph's leading spaces go with the break before it */
            p++;
        const char *line = p, *line_end = p;
        int cols = 0;
        while (p < para_end) {
            const char *word = p;
            while (p < para_end && *p != ' ')
                p++;
            int ww = span_width(word, p);
            if (line_end > line && cols + 1 + ww > width) {
                p = word;
                break;
            }
            if (line_end == line && ww > width) { /* alone and too wide: break inside it */
                p = fit_end(word, p, width);
                line_end = p;
                break;
            }
            cols += (line_end > line ? 1 : 0) + ww;
            line_end = p;
            while (p < para_end && *p == ' ')
                p++;
        }
        if (n < max && lines)
            lines[n] = (struct text_line){(size_t)(line - s), (size_t)(line_end - line)};
        n++;
        while (p < para_end && *p == ' ')
            p++;
        if (p >= para_end && nl) {
            p = nl + 1;
            if (p == end) { /* a final '\n' ends the last line; it starts no empty one */
                break;
            }
        }
    }
    return n;
}

/* Copies the sanitised s while it fits in limit columns; stops at the first code point that does not,
 * so combining marks of a dropped character are dropped with it. Returns the columns written. */
static int put_cols(struct writer *w, const char *s, int limit)
{
    struct reader r = reader_of(s);
    uint32_t cp;
    int used = 0;
    while (next_cp(&r, &cp)) {
        cp = safe_cp(cp);
        int cw = text_cp_width(cp);
        if (used + cw > limit || !put_cp(w, cp))
            break;
        used += cw;
    }
    return used;
}

int text_fit(const char *s, int width, bool pad, char *out, size_t outlen)
{
    struct writer w = writer_of(out, outlen);
    if (width <= 0)
        return 0;
    bool cut = text_width(s) > width;
    int used = put_cols(&w, s, cut ? width - 1 : width);
    int goal = cut ? width - 1 : pad ? width : used; /* a cut keeps the ellipsis in the last column */
    while (used < goal && put_cp(&w, ' '))
        used++;
    if (cut && put_cp(&w, TEXT_ELLIPSIS))
        used++;
    return used;
}

/* ---- storage ---- */

static bool is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

/* Invisible and never meant as content: a BOM from a spreadsheet export, a zero-width space. */
static bool is_junk(uint32_t cp) { return cp == 0xFEFF || cp == 0x200B || text_is_control(cp); }

size_t text_clean(const char *s, char *out, size_t outlen)
{
    struct reader r = reader_of(s);
    struct writer w = writer_of(out, outlen);
    uint32_t cp;
    bool gap = false;
    while (next_cp(&r, &cp)) {
        if (is_space(cp)) {
            gap = true;
            continue;
        }
        if (is_junk(cp))
            continue;
        /* The space goes out together with what follows, so a full buffer never ends in a space. */
        char b[5] = {' '};
        size_t skip = gap && w.len > 0 ? 0 : 1;
        size_t n = (size_t)text_utf8_encode(cp, b + 1);
        if (!put_bytes(&w, b + skip, n + 1 - skip))
            break;
        gap = false;
    }
    return w.len;
}

/* ---- folding ---- */

static bool is_fold_sep(uint32_t cp)
{
    return is_space(cp) || cp == '-' || cp == '.' || (cp >= 0x2010 && cp <= 0x2015);
}

/* The ASCII for cp: "" when it is dropped. */
static const char *fold_cp(uint32_t cp, char one[2])
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z')) {
        one[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        one[1] = '\0';
        return one;
    }
    for (size_t i = 0; cp >= 0xC0 && i < sizeof folds / sizeof folds[0]; i++)
        if (cp >= folds[i].lo && cp <= folds[i].hi)
            return folds[i].to;
    return "";
}

size_t text_fold_ascii(const char *s, char sep, char *out, size_t outlen)
{
    struct reader r = reader_of(s);
    struct writer w = writer_of(out, outlen);
    bool use_sep = sep >= ' ' && sep <= '~';
    uint32_t cp;
    bool gap = false;
    while (next_cp(&r, &cp)) {
        if (is_fold_sep(cp)) {
            gap = use_sep;
            continue;
        }
        char one[2];
        const char *to = fold_cp(cp, one);
        if (!*to)
            continue; /* an apostrophe or mark between separators must not double them */
        char b[3] = {sep};
        size_t skip = gap && w.len > 0 ? 0 : 1, n = strlen(to);
        memcpy(b + 1, to, n);
        if (!put_bytes(&w, b + skip, n + 1 - skip))
            break;
        gap = false;
    }
    return w.len;
}

/* Folding never makes a string longer, so strlen(s) + 1 bytes always hold it. */
static char *fold_copy(const char *s, char *stack, size_t stacklen)
{
    size_t n = strlen(s) + 1;
    char *buf = n <= stacklen ? stack : malloc(n);
    if (buf)
        text_fold_ascii(s, ' ', buf, n);
    return buf;
}

bool text_matches(const char *haystack, const char *needle)
{
    char hs[256], ns[64];
    char *h = fold_copy(haystack ? haystack : "", hs, sizeof hs);
    char *n = fold_copy(needle ? needle : "", ns, sizeof ns);
    bool hit = h && n && strstr(h, n) != NULL;
    if (h != hs)
        free(h);
    if (n != ns)
        free(n);
    return hit;
}

long text_plain_length(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    long chars = 0;
    for (size_t i = 0; i < len; chars++) {
        uint32_t cp;
        int n = text_utf8_decode(s + i, len - i, &cp);
        if ((cp == TEXT_REPLACEMENT && n == 1) || text_is_control(cp)) /* U+FFFD itself takes 3 bytes */
            return -1;
        i += (size_t)n;
    }
    return chars;
}
