#include <stdio.h>

int main(void)
{
    puts("klassenmap");
    return 0;
}
