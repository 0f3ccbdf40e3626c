/* optlab_version: the library's own version, for programs to compare with the
 * headers' OPTLAB_VERSION_NUMBER. */
#include "optlab_version.h"

int optlab_version(void)
{
	return OPTLAB_VERSION_NUMBER;
}
