// Each test executable names its module through LIGHTBOX_TEST_MODULE.
#define BOOST_TEST_MODULE LIGHTBOX_TEST_MODULE
#include <boost/test/unit_test.hpp>
