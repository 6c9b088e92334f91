/* Putting a drawn frame (stdscr) on the terminal with as few bytes as a cursor move needs. */
#ifndef KM_FRAME_H
#define KM_FRAME_H

#include <stdbool.h>

/* Shows stdscr. caret: the cursor is shown where stdscr's cursor is; otherwise it stays hidden and is not
 * moved. The cursor's visibility is sent only when it changes. */
void frame_show(bool caret);

#endif
